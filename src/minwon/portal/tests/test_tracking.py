import pytest
from django.urls import reverse

from minwon.complaints.choices import Status
from minwon.portal.models import TrackFailure
from minwon.testing import factories as f

TRACK = reverse("portal:track")
GENERIC = "접수번호와 연락처가 맞는 민원을 찾지 못했습니다."


@pytest.fixture
def filed(city):
    return f.create_complaint(category=city.streetlight, phone="010-1234-5678", email="hong@example.com")


@pytest.mark.parametrize("contact", ["010-1234-5678", "01012345678", " 010 1234 5678 ", "HONG@example.com"])
def test_tracking_with_the_contact_used_opens_the_detail(client, filed, contact):
    response = client.post(TRACK, {"tracking_no": filed.tracking_no, "contact": contact})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:detail", args=[filed.pk])
    page = client.get(response["Location"]).content.decode()
    assert filed.title in page and "010-****-5678" in page


def test_tracking_number_without_the_dash_works(client, filed):
    response = client.post(
        TRACK, {"tracking_no": filed.tracking_no.replace("-", ""), "contact": "010-1234-5678"}
    )
    assert response.status_code == 302


def test_wrong_contact_and_unknown_number_get_the_same_answer(client, filed):
    wrong = client.post(TRACK, {"tracking_no": filed.tracking_no, "contact": "010-0000-0000"})
    unknown = client.post(TRACK, {"tracking_no": "2026-9999999", "contact": "010-1234-5678"})
    assert wrong.status_code == unknown.status_code == 200
    assert GENERIC in wrong.content.decode() and GENERIC in unknown.content.decode()
    assert client.get(reverse("portal:detail", args=[filed.pk])).status_code == 404
    assert TrackFailure.objects.count() == 2


def test_empty_fields_are_explained(client, city):
    page = client.post(TRACK, {"tracking_no": "", "contact": ""}).content.decode()
    assert (
        "접수번호를 입력해 주십시오." in page and "휴대전화 번호나 전자우편 주소를 입력해 주십시오." in page
    )


def test_rate_limit_per_tracking_number(client, filed, settings):
    settings.MINWON_TRACK_MAX_FAILURES_PER_NUMBER = 3
    for i in range(3):
        client.post(
            TRACK,
            {"tracking_no": filed.tracking_no, "contact": f"010-0000-000{i}"},
            REMOTE_ADDR=f"10.0.0.{i}",
        )
    # Now even the right contact from a new address is refused until the window passes.
    blocked = client.post(
        TRACK, {"tracking_no": filed.tracking_no, "contact": "010-1234-5678"}, REMOTE_ADDR="10.0.0.99"
    )
    assert blocked.status_code == 429
    assert "조회를 너무 여러 번 시도했습니다." in blocked.content.decode()


def test_rate_limit_per_ip(client, filed, settings):
    settings.MINWON_TRACK_MAX_FAILURES_PER_IP = 4
    for i in range(4):
        client.post(
            TRACK, {"tracking_no": f"2026-000000{i}", "contact": "010-1111-2222"}, REMOTE_ADDR="10.1.1.1"
        )
    blocked = client.post(
        TRACK, {"tracking_no": filed.tracking_no, "contact": "010-1234-5678"}, REMOTE_ADDR="10.1.1.1"
    )
    assert blocked.status_code == 429
    other_ip = client.post(
        TRACK, {"tracking_no": filed.tracking_no, "contact": "010-1234-5678"}, REMOTE_ADDR="10.2.2.2"
    )
    assert other_ip.status_code == 302


def test_old_failures_no_longer_count(client, filed, settings, time_machine):
    settings.MINWON_TRACK_MAX_FAILURES_PER_NUMBER = 2
    time_machine.move_to("2026-11-23 09:00 +09:00")
    for _ in range(2):
        client.post(TRACK, {"tracking_no": filed.tracking_no, "contact": "010-0000-0000"})
    assert (
        client.post(TRACK, {"tracking_no": filed.tracking_no, "contact": "010-1234-5678"}).status_code == 429
    )
    time_machine.move_to("2026-11-23 09:30 +09:00")
    assert (
        client.post(TRACK, {"tracking_no": filed.tracking_no, "contact": "010-1234-5678"}).status_code == 302
    )


def test_grant_holder_can_withdraw(client, filed):
    client.post(TRACK, {"tracking_no": filed.tracking_no, "contact": "010-1234-5678"})
    client.post(reverse("portal:withdraw", args=[filed.pk]), {"reason": "해결됨"})
    filed.refresh_from_db()
    assert filed.status == Status.WITHDRAWN


def test_anonymous_filer_keeps_access_in_the_same_session_only(client, city):
    from .helpers import valid_post

    client.post(reverse("portal:file"), valid_post(city.streetlight))
    from minwon.complaints.models import Complaint

    c = Complaint.objects.get()
    assert client.get(reverse("portal:detail", args=[c.pk])).status_code == 200
    assert client.__class__().get(reverse("portal:detail", args=[c.pk])).status_code == 404
