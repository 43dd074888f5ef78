"""A hand-computed November for the insight tests (see the table in test_figures.py).

Timestamps are set with queryset updates after the 민원 are filed: the figures depend on the
exact times, which the lifecycle services take from the clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from minwon.complaints.choices import Channel, ClosureReason, Status
from minwon.complaints.models import Complaint
from minwon.org import services as org
from minwon.testing import factories as f

KST = ZoneInfo("Asia/Seoul")


def at(day: int, hour: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=KST)


def make(city, *, category, department, channel, received, due_days=None, answer_after=None, **extra):
    c = f.create_complaint(category=category, channel=channel, received_at=received)
    fields = {
        "department": department,
        "status": Status.IN_PROGRESS,
        "accepted_at": received,
        "clock_started_at": received,
        "due_at": received + due_days if due_days is not None else None,
    }
    if answer_after is not None:
        fields.update(status=Status.ANSWERED, answered_at=received + answer_after)
    fields.update(extra)
    Complaint.objects.filter(pk=c.pk).update(**fields)
    return Complaint.objects.get(pk=c.pk)


@pytest.fixture
def november(city):
    """c1–c5 received in November 2026, c6 on 31 October; 도로관리팀 was merged into 도로과."""
    team = f.create_department(code="ROADTEAM", name="도로관리팀")
    day = timedelta(days=1)
    c1 = make(
        city,
        category=city.streetlight,
        department=city.roads,
        channel=Channel.WEB,
        received=at(2, 10),
        due_days=timedelta(days=7, hours=8),
        answer_after=2 * day,
        handler=city.officer,
    )
    c2 = make(
        city,
        category=city.streetlight,
        department=city.roads,
        channel=Channel.CALL,
        received=at(2, 11),
        due_days=3 * day,
        answer_after=5 * day,
        reopen_count=1,
        handler=city.officer,
    )
    c3 = make(
        city,
        category=city.permit,
        department=city.roads,
        channel=Channel.WEB,
        received=at(3, 9),
        due_days=day,
    )
    c4 = make(
        city,
        category=city.park,
        department=city.parks,
        channel=Channel.WEB,
        received=at(3, 12),
        due_days=7 * day,
        answer_after=timedelta(hours=6),
        status=Status.CLOSED,
        closure_reason=ClosureReason.REPEATED,
        closed_at=at(4, 12),
        handler=city.other_officer,
    )
    c5 = make(
        city,
        category=city.streetlight,
        department=team,
        channel=Channel.MOBILE,
        received=at(5, 9),
        due_days=7 * day,
        answer_after=day,
    )
    c6 = make(
        city,
        category=city.streetlight,
        department=city.roads,
        channel=Channel.WEB,
        received=at(31, 15, month=10),
        due_days=7 * day,
        answer_after=day,
    )
    org.merge_departments(actor=city.admin, departments=[team], into=city.roads)
    team.refresh_from_db()
    return SimpleNamespace(c1=c1, c2=c2, c3=c3, c4=c4, c5=c5, c6=c6, team=team)


@pytest.fixture
def surveyed(november, city):
    """Real care rows for November (through care's own services, dates then set to November):

    | 민원 | response dept (at answer) | handler | resolved | kindness | speed | quality |
    |---|---|---|---|---|---|---|
    | c1 | 도로과 | officer | yes | 5 | 4 | 100 (all 5) |
    | c2 | 도로과 | officer | no | 2 | 1 | 60 (all 3) |
    | c4 | 공원녹지과 | other_officer | yes | 4 | 5 | – (not reviewed) |
    | c5 | 도로관리팀 (merged into 도로과) | – | yes | 3 | 3 | 80 (all 4) |

    Praise: one for officer (도로과, on c1), one for 공원녹지과 (no 민원), one in December (outside).
    """
    from datetime import date

    from minwon.care import quality as care_quality
    from minwon.care import services as care
    from minwon.care.models import Praise, QualityCriterion, SatisfactionResponse

    for c, resolved, kindness, speed in (
        (november.c1, True, 5, 4),
        (november.c2, False, 2, 1),
        (november.c4, True, 4, 5),
        (november.c5, True, 3, 3),
    ):
        r = care.record_phone_survey(city.care, c, resolved=resolved, kindness=kindness, speed=speed)
        SatisfactionResponse.objects.filter(pk=r.pk).update(created_at=at(20, 10))
    p1 = care.file_praise(
        None, employee=city.officer, body="밤늦게까지 가로등을 고쳐 주셨습니다", complaint=november.c1
    )
    p2 = care.file_praise(None, department=city.parks, body="공원이 깨끗해졌습니다")
    p3 = care.file_praise(None, employee=city.officer, body="12월 칭찬")
    Praise.objects.filter(pk__in=[p1.pk, p2.pk]).update(created_at=at(21, 10))
    Praise.objects.filter(pk=p3.pk).update(created_at=at(2, 10, month=12))
    # Answer texts so the weekly sampler takes them; week of Monday 2 November, everything sampled.
    Complaint.objects.filter(pk__in=[november.c1.pk, november.c2.pk, november.c4.pk, november.c5.pk]).update(
        answer="조치했습니다."
    )
    batch = care_quality.sample_week(date(2026, 11, 2), size=10, seed="t")
    samples = {s.complaint_id: s for s in batch.samples.all()}
    codes = list(QualityCriterion.objects.filter(is_active=True).values_list("code", flat=True))
    for c, score in ((november.c1, 5), (november.c2, 3), (november.c5, 4)):
        care_quality.review_sample(city.care, samples[c.pk], scores=dict.fromkeys(codes, score), feedback="")
    return november


def read_pdf(content: bytes) -> tuple[str, set[str]]:
    """(text, base font names) of a PDF: Korean must come out as text set in a Korean font."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    fonts: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return "".join(p.extract_text() for p in reader.pages), fonts
