"""Weekly answer-quality sampling, rubric reviews, the handler's feedback and the monthly roll-up."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from minwon.care import quality, queries
from minwon.care.errors import CareError
from minwon.care.models import QualityBatch, QualityCriterion, QualitySample
from minwon.complaints import services
from minwon.notify.jobs import JOBS
from minwon.notify.models import StaffAlert
from minwon.testing import factories as f

from .conftest import answered

WEEK = date(2026, 11, 16)  # a Monday
TZ = timezone.get_fixed_timezone(9 * 60)


def _answered_in_week(city, n, *, department=None, category=None):
    out = []
    with time_machine.travel(datetime(2026, 11, 18, 10, 0, tzinfo=TZ), tick=False):
        for _ in range(n):
            if department is None:
                out.append(answered(city))
            else:
                c = f.create_complaint(category=category)
                services.assign_department(city.desk, c, department)
                services.start_processing(city.other_officer, c)
                out.append(services.answer_complaint(city.other_officer, c, answer="답변"))
    return out


def test_rubric_starts_with_the_six_standard_criteria(db):
    names = list(QualityCriterion.objects.values_list("name", flat=True))
    assert names == ["정확성", "완결성", "쉬운 말", "법적 근거", "구제 절차 안내", "친절"]


def test_sampling_picks_size_per_department_reproducibly(city):
    roads = _answered_in_week(city, 5)
    parks = _answered_in_week(city, 2, department=city.parks, category=city.park)
    batch = quality.sample_week(WEEK, size=3, seed="t")
    chosen = set(batch.samples.values_list("complaint_id", flat=True))
    assert len(chosen & {c.pk for c in roads}) == 3 and chosen >= {c.pk for c in parks}
    # Same seed, same week, same pool: same choice (run again on a copy of the rule).
    from minwon.care import scoring

    expected = scoring.pick_sample([c.pk for c in roads], 3, f"t:{WEEK.isoformat()}:{city.roads.pk}")
    assert set(expected) == chosen & {c.pk for c in roads}
    assert quality.sample_week(WEEK, size=3, seed="t") is None  # a week is sampled once
    assert QualityBatch.objects.count() == 1


def test_weekly_job_samples_last_week_once(city, settings):
    settings.MINWON_CARE_QUALITY_SAMPLE_SIZE = 2
    _answered_in_week(city, 4)
    now = datetime(2026, 11, 24, 9, 0, tzinfo=TZ)  # the Tuesday after
    assert JOBS["care_quality_sampling"](now=now) == 2
    assert JOBS["care_quality_sampling"](now=now) == 0
    sample = QualitySample.objects.first()
    assert sample.department == city.roads and sample.handler == city.officer


def _scores(**override):
    scores = {code: 5 for code in QualityCriterion.objects.values_list("code", flat=True)}
    scores.update(override)
    return scores


def test_review_scores_weighted_and_feedback_reaches_the_handler(city, client):
    _answered_in_week(city, 1)
    quality.sample_week(WEEK, size=3, seed="t")
    sample = QualitySample.objects.get()
    quality.review_sample(
        city.auditor, sample, scores=_scores(accuracy=3), feedback="근거 법령을 밝혀 주세요."
    )
    sample.refresh_from_db()
    # weights 2,2,1,1,1,1 = 8; accuracy 3/5 costs 2·0.4 = 0.8 of 8 → 90.0
    assert sample.total == Decimal("90.0") and sample.status == "reviewed"
    (alert,) = StaffAlert.objects.filter(kind="care_quality")
    assert alert.recipient == city.officer and "90.0점" in alert.title
    client.force_login(city.officer)
    assert "근거 법령을 밝혀 주세요." in client.get(reverse("care:me"), follow=True).content.decode()
    client.force_login(city.other_officer)  # a colleague does not see the feedback
    assert "근거 법령을" not in client.get(reverse("care:person", args=[city.officer.pk])).content.decode()


def test_admin_weight_change_applies_to_new_reviews_only(city):
    _answered_in_week(city, 2)
    quality.sample_week(WEEK, size=3, seed="t")
    first, second = QualitySample.objects.order_by("pk")
    quality.review_sample(city.care, first, scores=_scores(courtesy=1), feedback="")
    QualityCriterion.objects.filter(code="courtesy").update(weight=Decimal("6"))
    quality.review_sample(city.care, second, scores=_scores(courtesy=1), feedback="")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.total == Decimal("90.0")  # (8 - 0.8) / 8
    assert second.total == Decimal("63.1")  # (13 - 6·0.8) / 13


def test_rollup_per_department_and_month(city):
    _answered_in_week(city, 2)
    _answered_in_week(city, 1, department=city.parks, category=city.park)
    quality.sample_week(WEEK, size=3, seed="t")
    roads = QualitySample.objects.filter(department=city.roads).order_by("pk")
    quality.review_sample(city.care, roads[0], scores=_scores(), feedback="")
    quality.review_sample(city.care, roads[1], scores=_scores(accuracy=3), feedback="")
    park = QualitySample.objects.get(department=city.parks)
    quality.review_sample(city.care, park, scores=_scores(plain=1), feedback="")
    start, end = datetime(2026, 11, 1, tzinfo=TZ), datetime(2026, 12, 1, tzinfo=TZ)
    cells = queries.quality_by_department_month(start, end)
    assert cells == {
        (city.roads.pk, "2026-11"): {"n": 2, "average": Decimal("95.0")},
        (city.parks.pk, "2026-11"): {"n": 1, "average": Decimal("90.0")},
    }
    assert queries.quality_by_department_month(end, end + timedelta(days=30)) == {}


def test_review_rules(city):
    _answered_in_week(city, 1)
    quality.sample_week(WEEK, size=3, seed="t")
    sample = QualitySample.objects.get()
    with pytest.raises(CareError):  # only care and auditor review
        quality.review_sample(city.head, sample, scores=_scores(), feedback="")
    with pytest.raises(CareError, match="모든 기준"):
        quality.review_sample(city.care, sample, scores={"accuracy": 5}, feedback="")
    with pytest.raises(CareError):
        quality.review_sample(city.care, sample, scores=_scores(accuracy=7), feedback="")


def test_recommended_answer_becomes_a_knowledge_base_example(city, django_capture_on_commit_callbacks):
    from minwon.kb.models import Article, Section

    _answered_in_week(city, 1)
    quality.sample_week(WEEK, size=3, seed="t")
    sample = QualitySample.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        quality.review_sample(city.care, sample, scores=_scores(), feedback="모범", recommend=True)
    sample.refresh_from_db()
    assert sample.recommend_example is True and sample.promoted_at is not None
    assert Article.objects.filter(section=Section.EXAMPLE, title=sample.complaint.title).count() == 1


def test_review_page_for_reviewers(city, client):
    _answered_in_week(city, 1)
    quality.sample_week(WEEK, size=3, seed="t")
    sample = QualitySample.objects.get()
    client.force_login(city.officer)
    assert client.get(reverse("care:review", args=[sample.pk])).status_code == 403
    client.force_login(city.auditor)
    assert sample.complaint.tracking_no in client.get(reverse("care:quality")).content.decode()
    data = {f"c_{code}": "4" for code in QualityCriterion.objects.values_list("code", flat=True)}
    missing = client.post(
        reverse("care:review", args=[sample.pk]), {**data, "c_plain": "", "feedback": "좋음"}
    )
    assert missing.status_code == 200 and "쉬운 말 점수를 골라 주십시오" in missing.content.decode()
    assert "좋음" in missing.content.decode()
    done = client.post(reverse("care:review", args=[sample.pk]), {**data, "feedback": "좋음"})
    assert done.status_code == 302
    sample.refresh_from_db()
    assert sample.total == Decimal("80.0")
    report = client.get(reverse("care:quality_report"), {"start": "2026-11-01", "end": "2026-11-30"})
    assert "80.0" in report.content.decode() and "2026-11" in report.content.decode()


def test_example_recommended_by_the_auditor_waits_until_care_publishes_it_masked(
    city, client, django_capture_on_commit_callbacks
):
    from minwon.kb.models import Article, Section

    with time_machine.travel(datetime(2026, 11, 18, 10, 0, tzinfo=TZ), tick=False):
        answered(city, answer="김민지 님, 010-1234-5678 로 연락드린 대로 가로등 안정기를 교체했습니다.")
    quality.sample_week(WEEK, size=3, seed="t")
    sample = QualitySample.objects.get()
    with django_capture_on_commit_callbacks(execute=True):  # the 민원심사관 may review, not publish
        quality.review_sample(city.auditor, sample, scores=_scores(), feedback="모범", recommend=True)
    sample.refresh_from_db()
    assert sample.recommend_example and sample.promoted_at is None and not Article.objects.exists()
    client.force_login(city.auditor)
    queue = client.get(reverse("care:quality")).content.decode()
    assert sample.complaint.tracking_no in queue.split('data-testid="awaiting"', 1)[1]
    assert client.post(reverse("care:promote", args=[sample.pk])).status_code == 403
    client.force_login(city.care)
    assert client.post(reverse("care:promote", args=[sample.pk])).status_code == 302
    article = Article.objects.get(section=Section.EXAMPLE)
    assert "교체했습니다" in article.body
    assert "김민지" not in article.body and "010-1234-5678" not in article.body
    sample.refresh_from_db()
    assert sample.promoted_at is not None
    assert 'data-testid="awaiting"' not in client.get(reverse("care:quality")).content.decode()
    with pytest.raises(CareError, match="이미"):
        quality.promote_example(city.care, sample)


def test_admin_edits_the_rubric_in_the_admin_and_the_edit_is_recorded(city, client):
    from minwon.care.models import CareEvent

    courtesy = QualityCriterion.objects.get(code="courtesy")
    client.force_login(city.admin)
    url = reverse("admin:care_qualitycriterion_change", args=[courtesy.pk])
    response = client.post(
        url,
        {
            "code": "courtesy",
            "name": "친절",
            "description": courtesy.description,
            "weight": "6",
            "is_active": "on",
            "sort_order": courtesy.sort_order,
        },
    )
    assert response.status_code == 302
    courtesy.refresh_from_db()
    assert courtesy.weight == Decimal("6")
    event = CareEvent.objects.get(verb="criterion_changed")
    assert event.actor == city.admin and event.data["changed"] == {"weight": ["1.00", "6"]}
    assert client.post(reverse("admin:care_qualitycriterion_delete", args=[courtesy.pk])).status_code == 403
    _answered_in_week(city, 1)
    quality.sample_week(WEEK, size=3, seed="t")
    sample = quality.review_sample(
        city.care, QualitySample.objects.get(), scores=_scores(courtesy=1), feedback=""
    )
    assert sample.total == Decimal("63.1")  # the new weight: (13 - 6·0.8) / 13
    with pytest.raises(Exception, match="관리자"):
        quality.save_criterion(city.care, courtesy)
