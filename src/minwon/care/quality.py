"""Answer-quality monitoring: the weekly sample, reviews on the admin's rubric, feedback, examples."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from minwon.accounts.models import Role, User
from minwon.complaints.access import AccessDenied
from minwon.complaints.errors import ComplaintError
from minwon.complaints.models import Complaint
from minwon.org.models import Department

from . import scoring
from .access import REVIEW_ROLES, is_care
from .choices import SampleStatus
from .errors import CareError
from .models import QualityBatch, QualityCriterion, QualitySample, QualityScore
from .services import _alert, _event

log = logging.getLogger(__name__)


def _week_bounds(week_start) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(week_start, time.min, tzinfo=tz)
    return start, start + timedelta(days=7)


def sample_week(week_start, *, size: int | None = None, seed: str | None = None) -> QualityBatch | None:
    """Sample `size` answered 민원 per department from the week starting `week_start` (a Monday).

    Idempotent: a week is sampled once (UNIQUE week_start); a second run, or a second worker,
    returns None. The choice is reproducible from the seed, the week and the department.
    """
    size = settings.MINWON_CARE_QUALITY_SAMPLE_SIZE if size is None else size
    seed = settings.MINWON_CARE_QUALITY_SEED if seed is None else seed
    start, end = _week_bounds(week_start)
    answered = (
        Complaint.objects.filter(answered_at__gte=start, answered_at__lt=end, department__isnull=False)
        .exclude(answer="")
        .exclude(quality_sample__isnull=False)
        .values_list("department_id", "pk")
    )
    by_dept: dict[int, list[int]] = {}
    for dept_id, pk in answered:
        by_dept.setdefault(dept_id, []).append(pk)
    try:
        with transaction.atomic():
            batch = QualityBatch.objects.create(week_start=week_start, seed=seed, sample_size=size)
            chosen = [
                pk
                for dept_id, ids in sorted(by_dept.items())
                for pk in scoring.pick_sample(ids, size, f"{seed}:{week_start.isoformat()}:{dept_id}")
            ]
            rows = Complaint.objects.filter(pk__in=chosen).values_list(
                "pk", "department_id", "handler_id", "answered_at"
            )
            QualitySample.objects.bulk_create(
                QualitySample(batch=batch, complaint_id=pk, department_id=d, handler_id=h, answered_at=at)
                for pk, d, h, at in rows
                if at is not None
            )
            _event(None, "quality_sampled", batch, samples=len(chosen), size=size)
    except IntegrityError:
        return None
    return batch


def weekly_sampling(now: datetime | None = None) -> int:
    """Worker job: once the week is over, sample it. Returns the number of 민원 sampled (0 if done)."""
    now = now or timezone.now()
    last_week = scoring.week_start(timezone.localtime(now).date()) - timedelta(days=7)
    if QualityBatch.objects.filter(week_start=last_week).exists():
        return 0
    batch = sample_week(last_week)
    return batch.samples.count() if batch else 0


def may_review(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*REVIEW_ROLES))


@transaction.atomic
def review_sample(
    actor, sample: QualitySample, *, scores: dict[str, int], feedback: str, recommend: bool = False
) -> QualitySample:
    """Score one sampled answer on the active rubric; the handler gets the feedback in their inbox."""
    if not may_review(actor):
        raise CareError("답변 품질 평가는 친절·보호 담당과 감사 담당만 할 수 있습니다.")
    if actor.pk == sample.handler_id:
        raise CareError("본인이 쓴 답변은 평가할 수 없습니다.")
    criteria = {c.code: c for c in QualityCriterion.objects.filter(is_active=True)}
    missing = [c.name for code, c in criteria.items() if code not in scores]
    if missing:
        raise CareError("모든 기준을 평가해 주십시오: " + ", ".join(missing), field="scores")
    picked = {code: int(scores[code]) for code in criteria}
    try:
        total = scoring.weighted_score(picked, {code: c.weight for code, c in criteria.items()})
    except ValueError as exc:
        raise CareError(str(exc), field="scores") from None
    sample.scores.all().delete()  # a re-review replaces the earlier scores
    QualityScore.objects.bulk_create(
        QualityScore(sample=sample, criterion=criteria[code], weight=criteria[code].weight, score=score)
        for code, score in picked.items()
    )
    sample.total, sample.feedback, sample.recommend_example = total, (feedback or "").strip(), recommend
    sample.status, sample.reviewer, sample.reviewed_at = SampleStatus.REVIEWED, actor, timezone.now()
    sample.save(update_fields=["total", "feedback", "recommend_example", "status", "reviewer", "reviewed_at"])
    _event(actor, "quality_reviewed", sample, total=str(total), recommend=recommend)
    if sample.handler_id:
        handler = User.objects.get(pk=sample.handler_id)
        _alert(
            [handler],
            kind="care_quality",
            key=f"quality:{sample.pk}:{sample.reviewed_at.timestamp():.0f}",
            title=f"답변 품질 평가 결과: {total}점",
            body=f"{sample.feedback}\n\n{reverse('care:person', args=[handler.pk])}".strip(),
            complaint=sample.complaint,
        )
    if recommend:
        transaction.on_commit(lambda: _promote_to_kb(sample))
    return sample


def _kb_promote():
    """`minwon.kb.services.promote_answer_example`, or None when the knowledge base is not installed."""
    try:
        from minwon.kb.services import promote_answer_example  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return promote_answer_example


def _promote_to_kb(sample: QualitySample) -> bool:
    """Offer a well-rated answer to the knowledge base as an example (names masked there).

    Runs after the review commits, as the reviewer. The kb may refuse (the 민원심사관 may review but
    not publish; the 민원 may lack an answer): the review stands and the sample waits on the queue's
    "게시 대기" list, where a care officer publishes it with `promote_example`. Returns True if promoted.
    """
    promote = _kb_promote()
    if promote is None:
        return False
    try:
        with transaction.atomic():
            article = promote(sample.reviewer, sample.complaint, title=sample.complaint.title)
            QualitySample.objects.filter(pk=sample.pk).update(promoted_at=timezone.now())
            _event(sample.reviewer, "example_promoted", sample, article=article.pk)
    except (PermissionDenied, ComplaintError) as exc:
        log.info("sample %s not promoted by its reviewer: %s", sample.pk, exc)
        return False
    except Exception:  # after commit: the saved review must not turn into an error page
        log.exception("promoting sample %s to the knowledge base failed", sample.pk)
        return False
    return True


def awaiting_promotion():
    """Recommended examples not yet in the knowledge base."""
    return QualitySample.objects.filter(
        status=SampleStatus.REVIEWED, recommend_example=True, promoted_at__isnull=True
    ).select_related("complaint", "department", "reviewer")


@transaction.atomic
def promote_example(actor, sample: QualitySample):
    """The care officer publishes a recommended answer as a 우수 답변 사례 (names masked by the kb)."""
    if not is_care(actor):
        raise AccessDenied("모범 답변 게시는 친절·보호 담당이 합니다.")
    sample = QualitySample.objects.select_for_update().select_related("complaint").get(pk=sample.pk)
    if sample.status != SampleStatus.REVIEWED or not sample.recommend_example:
        raise CareError("모범 답변으로 추천된 평가가 아닙니다.")
    if sample.promoted_at is not None:
        raise CareError("이미 상담자료에 실었습니다.")
    promote = _kb_promote()
    if promote is None:
        raise CareError("상담자료(지식베이스) 기능이 설치되어 있지 않습니다.")
    try:
        article = promote(actor, sample.complaint, title=sample.complaint.title)
    except ComplaintError as exc:  # KbError is a ComplaintError
        raise CareError(exc.message) from None
    sample.promoted_at = timezone.now()
    sample.save(update_fields=["promoted_at"])
    _event(actor, "example_promoted", sample, article=article.pk)
    return article


RUBRIC_FIELDS = ("code", "name", "description", "weight", "is_active", "sort_order")


@transaction.atomic
def save_criterion(actor, criterion: QualityCriterion) -> QualityCriterion:
    """The admin adds or edits a rubric line; the change is recorded with before and after.

    Past reviews keep the weights they were scored with (QualityScore.weight), so an edit applies
    to new reviews only.
    """
    if not (actor and actor.is_authenticated and (actor.is_superuser or actor.has_role(Role.ADMIN))):
        raise AccessDenied("평가 기준은 관리자가 고칩니다.")
    if criterion.weight is None or criterion.weight < 0:
        raise CareError("가중치는 0 이상이어야 합니다.", field="weight")

    def snapshot(row) -> dict:
        return {f: str(getattr(row, f)) for f in RUBRIC_FIELDS}

    old = QualityCriterion.objects.filter(pk=criterion.pk).first() if criterion.pk else None
    before = snapshot(old) if old else {}
    criterion.save()
    after = snapshot(criterion)
    changed = {f: [before.get(f), after[f]] for f in RUBRIC_FIELDS if before.get(f) != after[f]}
    if changed:
        _event(actor, "criterion_changed" if old else "criterion_created", criterion, changed=changed)
    return criterion


def department_names() -> dict[int, str]:
    return dict(Department.objects.values_list("pk", "name"))
