"""Every write of the proactive app, each with its permission check and an audit row."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from minwon.accounts.models import Role

from .models import (
    ExcellentOfficial,
    KeyTask,
    Milestone,
    PreConsultation,
    ProactiveEvent,
    ProgressReport,
    Rating,
    ReportAttachment,
    RewardType,
    TaskEvaluation,
    TrainingRecord,
)

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class ProactiveError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _event(task, actor, verb: str, **data) -> None:
    ProactiveEvent.objects.create(task=task, actor=actor, verb=verb, data=data)


def _required(text: str, message: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ProactiveError(message, field)
    return text


def may_manage(user, task: KeyTask) -> bool:
    return (
        user.has_role(Role.ADMIN)
        or task.owner_department_id in user.headed_department_ids
        or task.main_officer_id == user.pk
    )


def is_officer(user, task: KeyTask) -> bool:
    return user.pk in task.officer_ids()


@transaction.atomic
def create_task(
    actor,
    *,
    year: int,
    title: str,
    goal: str,
    owner_department,
    main_officer,
    supporting_officers=(),
    starts_on: date | None = None,
    report_every_months: int = 1,
) -> KeyTask:
    if not (actor.has_role(Role.ADMIN) or owner_department.pk in actor.headed_department_ids):
        raise PermissionDenied("관리자 또는 주관 부서장만 중점과제를 등록할 수 있습니다.")
    title = _required(title, "과제명을 입력해 주십시오.", "title")
    goal = _required(goal, "목표를 입력해 주십시오.", "goal")
    if main_officer is None:
        raise ProactiveError("주 담당자를 골라 주십시오.", "main_officer")
    if not 1 <= report_every_months <= 12:
        raise ProactiveError("보고 주기는 1–12개월로 입력해 주십시오.", "report_every_months")
    starts_on = starts_on or date(year, 1, 1)
    if starts_on.year != year:
        raise ProactiveError("시작일은 과제 연도 안이어야 합니다.", "starts_on")
    task = KeyTask.objects.create(
        year=year,
        title=title,
        goal=goal,
        owner_department=owner_department,
        main_officer=main_officer,
        starts_on=starts_on,
        report_every_months=report_every_months,
        created_by=actor,
    )
    task.supporting_officers.set([u for u in supporting_officers if u.pk != main_officer.pk])
    _event(task, actor, "created", title=title)
    return task


@transaction.atomic
def add_milestone(actor, task: KeyTask, *, title: str, due_on: date | None) -> Milestone:
    if not may_manage(actor, task):
        raise PermissionDenied("이 과제의 추진 단계를 바꿀 권한이 없습니다.")
    title = _required(title, "단계 이름을 입력해 주십시오.", "title")
    if due_on is None:
        raise ProactiveError("기한을 입력해 주십시오.", "due_on")
    m = Milestone.objects.create(task=task, title=title, due_on=due_on)
    _event(task, actor, "milestone_added", title=title, due_on=due_on.isoformat())
    return m


@transaction.atomic
def complete_milestone(actor, milestone: Milestone, *, done_on: date | None = None) -> Milestone:
    if not (may_manage(actor, milestone.task) or is_officer(actor, milestone.task)):
        raise PermissionDenied("이 과제의 담당자만 완료를 기록할 수 있습니다.")
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    _event(
        milestone.task, actor, "milestone_done", title=milestone.title, done_on=milestone.done_on.isoformat()
    )
    return milestone


@transaction.atomic
def submit_report(
    actor, task: KeyTask, *, period_start: date, body: str, progress: int, files=()
) -> ProgressReport:
    if not is_officer(actor, task):
        raise PermissionDenied("이 과제의 담당자만 추진 상황을 보고할 수 있습니다.")
    body = _required(body, "추진 내용을 입력해 주십시오.", "body")
    if not 0 <= progress <= 100:
        raise ProactiveError("진척률은 0–100 사이로 입력해 주십시오.", "progress")
    period_start = period_start.replace(day=1)
    if ProgressReport.objects.filter(task=task, period_start=period_start).exists():
        raise ProactiveError(f"{period_start:%Y년 %m월} 보고는 이미 제출되었습니다.", "period_start")
    for f in files:
        if f.size > MAX_ATTACHMENT_BYTES:
            raise ProactiveError(f"첨부 파일 {f.name}이 20MB를 넘습니다.", "attachments")
    report = ProgressReport.objects.create(
        task=task, period_start=period_start, author=actor, body=body, progress=progress
    )
    for f in files:
        ReportAttachment.objects.create(report=report, file=f, original_name=f.name[:200], size=f.size)
    _event(task, actor, "report_submitted", period=period_start.isoformat(), files=len(files))
    return report


@transaction.atomic
def request_consultation(actor, task: KeyTask, *, question: str) -> PreConsultation:
    if not is_officer(actor, task):
        raise PermissionDenied("이 과제의 담당자만 사전컨설팅을 신청할 수 있습니다.")
    question = _required(question, "질의 내용을 입력해 주십시오.", "question")
    c = PreConsultation.objects.create(task=task, requester=actor, question=question)
    _event(task, actor, "consultation_requested", consultation=c.pk)
    return c


@transaction.atomic
def answer_consultation(
    actor, consultation: PreConsultation, *, opinion: str, answer: str
) -> PreConsultation:
    if not actor.has_role(Role.AUDITOR):
        raise PermissionDenied("사전컨설팅 회신은 감사 부서만 할 수 있습니다.")
    if consultation.answered_at:
        raise ProactiveError("이미 회신한 사전컨설팅입니다.", "answer")
    from .models import ConsultationOpinion

    if opinion not in ConsultationOpinion.values:
        raise ProactiveError("의견을 골라 주십시오.", "opinion")
    consultation.answer = _required(answer, "회신 내용을 입력해 주십시오.", "answer")
    consultation.opinion, consultation.answered_by, consultation.answered_at = opinion, actor, timezone.now()
    consultation.save(update_fields=["answer", "opinion", "answered_by", "answered_at"])
    _event(consultation.task, actor, "consultation_answered", consultation=consultation.pk, opinion=opinion)
    return consultation


@transaction.atomic
def evaluate_task(
    actor, task: KeyTask, *, rating: str, exemplary_failure: bool = False, comment: str = ""
) -> TaskEvaluation:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied("연말 평가는 관리자만 할 수 있습니다.")
    if rating not in Rating.values:
        raise ProactiveError("평가 등급을 골라 주십시오.", "rating")
    if exemplary_failure and not comment.strip():
        raise ProactiveError("모범적 실패로 인정하려면 그 이유를 평가 의견에 적어 주십시오.", "comment")
    ev, _ = TaskEvaluation.objects.update_or_create(
        task=task,
        defaults={
            "rating": rating,
            "exemplary_failure": exemplary_failure,
            "comment": comment.strip(),
            "rated_by": actor,
            "rated_at": timezone.now(),
        },
    )
    _event(task, actor, "evaluated", rating=rating, exemplary_failure=exemplary_failure)
    return ev


def _allowed_rewards(task: KeyTask, user, rewards: list[RewardType]) -> list[RewardType]:
    """Active reward types within the limit: two for the task's main officer, one for others."""
    rewards = [r for r in rewards if r.is_active]
    limit = 2 if user.pk == task.main_officer_id else 1
    if not rewards:
        raise ProactiveError("포상 종류를 골라 주십시오.", "rewards")
    if len(rewards) > limit:
        raise ProactiveError(
            f"이 담당자는 포상을 {limit}개까지 고를 수 있습니다 (주 담당자만 2개).", "rewards"
        )
    return rewards


@transaction.atomic
def choose_rewards(actor, selection: ExcellentOfficial, *, rewards: list[RewardType]) -> ExcellentOfficial:
    """The selected official picks the reward types they prefer among those the admin lists
    (the main officer two, others one); the admin's choice stands until they do."""
    if actor.pk != selection.user_id:
        raise PermissionDenied("선발된 본인만 포상 종류를 고를 수 있습니다.")
    rewards = _allowed_rewards(selection.task, actor, rewards)
    before = sorted(selection.rewards.values_list("name", flat=True))
    selection.rewards.set(rewards)
    _event(
        selection.task,
        actor,
        "rewards_chosen",
        user=actor.pk,
        before=before,
        after=[r.name for r in rewards],
    )
    return selection


@transaction.atomic
def select_excellent(actor, task: KeyTask, *, user, rewards: list[RewardType]) -> ExcellentOfficial:
    """우수공무원 선발: the main officer may receive two reward types, everyone else one."""
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied("우수공무원 선발은 관리자만 할 수 있습니다.")
    if user is None or not is_officer(user, task):
        raise ProactiveError("이 과제의 담당자 중에서 골라 주십시오.", "user")
    rewards = _allowed_rewards(task, user, rewards)
    sel, _ = ExcellentOfficial.objects.update_or_create(
        task=task, user=user, defaults={"selected_by": actor, "selected_at": timezone.now()}
    )
    sel.rewards.set(rewards)
    _event(task, actor, "excellent_selected", user=user.pk, rewards=[r.name for r in rewards])
    return sel


@transaction.atomic
def record_training(actor, *, user, title: str, completed_on: date | None, hours) -> TrainingRecord:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied("교육 이수 기록은 관리자만 할 수 있습니다.")
    if user is None:
        raise ProactiveError("직원을 골라 주십시오.", "user")
    title = _required(title, "교육명을 입력해 주십시오.", "title")
    if completed_on is None:
        raise ProactiveError("이수일을 입력해 주십시오.", "completed_on")
    rec = TrainingRecord.objects.create(
        user=user, title=title, completed_on=completed_on, hours=hours or 1, recorded_by=actor
    )
    _event(None, actor, "training_recorded", user=user.pk, title=title)
    return rec
