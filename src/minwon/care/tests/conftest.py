"""Care tests build on the persona city (minwon.testing.fixtures) plus a few 민원 in known states."""

from __future__ import annotations

import pytest

from minwon.complaints import services
from minwon.notify.models import Message
from minwon.testing import factories as f


def answered(city, *, applicant=None, answer="가로등 안정기를 교체했습니다.", phone="010-1234-5678", **extra):
    """A 도로과 민원 answered by the officer (the applicant is minji unless said otherwise)."""
    c = f.create_complaint(
        category=city.streetlight,
        applicant_user=applicant if applicant is not None else city.minji,
        actor=None,
        phone=phone,
        **extra,
    )
    services.assign_department(city.desk, c, city.roads)
    services.start_processing(city.officer, c)
    return services.answer_complaint(city.officer, c, answer=answer)


def in_progress(city, *, applicant=None, phone="010-1234-5678"):
    c = f.create_complaint(
        category=city.streetlight, applicant_user=applicant or city.minji, actor=None, phone=phone
    )
    services.assign_department(city.desk, c, city.roads)
    return services.start_processing(city.officer, c)


def survey_token(complaint) -> str:
    """The token of the survey link in the answer notice actually queued for the applicant."""
    msg = Message.objects.filter(complaint=complaint, template_key="answered").order_by("-pk").first()
    assert msg is not None and "/s/" in msg.body
    url = msg.context["satisfaction_url"]
    assert url in msg.body
    return url.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def road_officer2(city):
    """A second 도로과 officer who can take over a 민원."""
    from minwon.accounts.models import Role

    return f.create_user(
        username="officer2", roles=[Role.OFFICER], department=city.roads, display_name="김도로"
    )
