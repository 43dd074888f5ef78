"""Every lifecycle transition of a 민원 (DESIGN §2), one named function each (STYLE §2).

Each function takes the acting user (None = the system, e.g. the worker), locks the row, checks
the actor and the transition, writes the change and an event in one transaction, and returns the
fresh complaint. Illegal transitions and unauthorised actors raise with a Korean message.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from . import deadlines, hooks
from .access import check_action
from .choices import (
    OPEN_STATUSES,
    ClosureReason,
    EventVerb,
    ExtensionReason,
    Kind,
    PauseKind,
    Status,
)
from .errors import ComplaintError
from .events import new_event, record, record_all
from .intake import receive_complaint  # noqa: F401  (re-exported: intake is a service too)
from .models import Complaint, Extension, Pause

S = Status
# The states from which each action may start. Anything else is refused.
ALLOWED_FROM: dict[str, Iterable[str]] = {
    "accept": {S.RECEIVED},
    "assign_department": {S.ACCEPTED},
    "reassign": {S.ASSIGNED, S.IN_PROGRESS, S.REOPENED},
    "assign_handler": {S.ASSIGNED, S.IN_PROGRESS, S.REOPENED, S.SUPPLEMENT_REQUESTED},
    "start": {S.ASSIGNED, S.REOPENED},
    "request_supplement": {S.ASSIGNED, S.IN_PROGRESS, S.REOPENED},
    "receive_supplement": {S.SUPPLEMENT_REQUESTED},
    "extend": {S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED, S.REOPENED},
    "transfer": {S.RECEIVED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS},
    "answer": {S.ASSIGNED, S.IN_PROGRESS, S.REOPENED},
    "close": {S.ANSWERED},
    # 법 제23조: "그 후에 접수되는 민원에 대하여는 종결처리할 수 있다" — the later 민원 need not be
    # answered first; closing it as 반복민원 is what spares the department a fourth answer.
    "close_repeated": {*OPEN_STATUSES, S.ANSWERED},
    "withdraw": set(OPEN_STATUSES),
    "reject": {S.RECEIVED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED, S.REOPENED},
    "merge": set(OPEN_STATUSES),
    "reopen": {S.ANSWERED, S.CLOSED},
    "reclassify": {S.RECEIVED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.REOPENED},
    "note": set(S.values),
    "attach": set(OPEN_STATUSES),
}

# A 민원 bounced between departments more often than this goes to the desk head (DESIGN §3.4).
MAX_REASSIGNMENTS = 2


def _begin(actor, complaint: Complaint | int, action: str) -> Complaint:
    """Lock the row, then check who acts and whether the state allows it."""
    pk = complaint if isinstance(complaint, int) else complaint.pk
    locked = (
        Complaint.objects.select_for_update(of=("self",)).select_related("category", "department").get(pk=pk)
    )
    check_action(actor, locked, action)
    if locked.status not in ALLOWED_FROM[action]:
        raise ComplaintError(
            f"'{locked.get_status_display()}' 상태의 민원에는 이 처리를 할 수 없습니다.", field="status"
        )
    return locked


def _save(complaint: Complaint, *fields: str) -> None:
    complaint.updated_at = timezone.now()
    complaint.save(update_fields=[*fields, "updated_at"])


def _require(text: str, message: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ComplaintError(message, field=field)
    return text


@transaction.atomic
def accept_complaint(actor, complaint: Complaint | int, *, at=None) -> Complaint:
    """접수: the legal processing period starts (법 제8조 — 민원은 접수를 거부할 수 없다)."""
    c = _begin(actor, complaint, "accept")
    before = c.status
    c.status = S.ACCEPTED
    c.accepted_at = at or timezone.now()
    c.clock_started_at = c.accepted_at
    c.due_at = deadlines.due_for(c)
    _save(c, "status", "accepted_at", "clock_started_at", "due_at")
    record_all([accepted_event(actor, c, status_before=before)])
    return c


def accepted_event(actor, c: Complaint, *, status_before: str):
    """The `accepted` event, shared with intake, which accepts a new 민원 in its first INSERT."""
    return new_event(
        c,
        EventVerb.ACCEPTED,
        actor=actor,
        public=True,
        status_before=status_before,
        data={"due_at": _iso(c.due_at)},
    )


@transaction.atomic
def assign_department(actor, complaint: Complaint | int, department, *, note: str = "") -> Complaint:
    """The desk routes an accepted 민원 to the department that handles it."""
    c = _begin(actor, complaint, "assign_department")
    _check_department(department)
    before = c.status
    c.department = department
    c.status = S.ASSIGNED
    _save(c, "department", "status")
    record(
        c,
        EventVerb.ASSIGNED,
        actor=actor,
        public=True,
        status_before=before,
        note=note,
        data={"department_id": department.pk, "department": department.name, "late": _late_routing(c)},
    )
    return c


@transaction.atomic
def reassign_department(actor, complaint: Complaint | int, department, *, reason: str) -> Complaint:
    """재배정: a department hands a 민원 it does not own to another (영 13: within 3 working hours)."""
    c = _begin(actor, complaint, "reassign")
    _check_department(department)
    if department.pk == c.department_id:
        raise ComplaintError("이미 이 부서에 배정된 민원입니다.", field="department")
    reason = _require(reason, "재배정 사유를 입력해 주십시오.", "reason")
    before, old = c.status, c.department
    c.department, c.handler, c.status = department, None, S.ASSIGNED
    c.reassign_count += 1
    _save(c, "department", "handler", "status", "reassign_count")
    record(
        c,
        EventVerb.REASSIGNED,
        actor=actor,
        public=True,
        status_before=before,
        note=reason,
        data={
            "from_id": old.pk if old else None,
            "from": old.name if old else "",
            "department": department.name,
            "department_id": department.pk,
            "count": c.reassign_count,
        },
    )
    if c.reassign_count > MAX_REASSIGNMENTS and not c.needs_desk_head:
        c.needs_desk_head = True
        _save(c, "needs_desk_head")
        record(
            c,
            EventVerb.FLAGGED,
            actor=None,
            public=False,
            status_before=c.status,
            note=f"부서 재배정 {c.reassign_count}회: 민원팀장 확인 필요",
            data={"count": c.reassign_count},
        )
    return c


@transaction.atomic
def assign_handler(actor, complaint: Complaint | int, handler) -> Complaint:
    c = _begin(actor, complaint, "assign_handler")
    if c.department_id not in handler.department_ids:
        raise ComplaintError(f"{handler}님은 {c.department} 소속이 아닙니다.", field="handler")
    if actor is not None and actor.pk != handler.pk and not _may_assign_others(actor, c):
        raise ComplaintError("다른 직원을 담당자로 지정하는 것은 부서장 또는 민원팀만 할 수 있습니다.")
    _check_not_exempted(c, handler)
    before = c.status
    c.handler = handler
    _save(c, "handler")
    record(
        c,
        EventVerb.HANDLER_ASSIGNED,
        actor=actor,
        public=False,
        status_before=before,
        data={"handler_id": handler.pk, "handler": str(handler)},
    )
    return c


@transaction.atomic
def start_processing(actor, complaint: Complaint | int) -> Complaint:
    c = _begin(actor, complaint, "start")
    before = c.status
    c.status = S.IN_PROGRESS
    fields = ["status"]
    if c.handler_id is None and actor is not None:
        _check_not_exempted(c, actor)
        c.handler = actor
        fields.append("handler")
    _save(c, *fields)
    record(c, EventVerb.STARTED, actor=actor, public=True, status_before=before)
    return c


@transaction.atomic
def request_supplement(actor, complaint: Complaint | int, *, what: str, until=None) -> Complaint:
    """보완 요청 (법 제22조): the clock stops until the applicant supplies what is missing."""
    c = _begin(actor, complaint, "request_supplement")
    what = _require(what, "보완할 내용을 적어 주십시오.", "what")
    now = timezone.now()
    before = c.status
    Pause.objects.create(complaint=c, kind=PauseKind.SUPPLEMENT, started_at=now, reason=what)
    c.status, c.paused_since = S.SUPPLEMENT_REQUESTED, now
    _save(c, "status", "paused_since")
    record(
        c,
        EventVerb.SUPPLEMENT_REQUESTED,
        actor=actor,
        public=True,
        status_before=before,
        note=what,
        data={"until": _iso(until)},
    )
    return c


@transaction.atomic
def receive_supplement(actor, complaint: Complaint | int, *, note: str = "") -> Complaint:
    c = _begin(actor, complaint, "receive_supplement")
    now = timezone.now()
    Pause.objects.filter(complaint=c, ended_at__isnull=True).update(ended_at=now)
    before = c.status
    c.status, c.paused_since = S.IN_PROGRESS, None
    c.due_at = deadlines.due_for(c)
    _save(c, "status", "paused_since", "due_at")
    record(
        c,
        EventVerb.SUPPLEMENT_RECEIVED,
        actor=actor,
        public=True,
        status_before=before,
        note=note,
        data={"due_at": _iso(c.due_at)},
    )
    return c


def preview_extension(complaint: Complaint, *, period: str, reason_code: str, consent: bool = False):
    """The due time an extension would give, without writing (the form shows it before confirming)."""
    return deadlines.extended_due(complaint, period=period, reason_code=reason_code, consent=consent)


@transaction.atomic
def extend_deadline(
    actor,
    complaint: Complaint | int,
    *,
    period: str,
    reason_code: str,
    reason_text: str,
    applicant_consent: bool = False,
    consent_note: str = "",
) -> Complaint:
    """연장 (영 제21조): once for a lawful reason, a second time only with the applicant's consent."""
    c = _begin(actor, complaint, "extend")
    if reason_code not in ExtensionReason.values:
        raise ComplaintError(
            "법령이 정한 연장 사유가 아닙니다. 업무량은 연장 사유가 될 수 없습니다.", field="reason_code"
        )
    reason_text = _require(reason_text, "연장 사유를 구체적으로 적어 주십시오.", "reason_text")
    previous = c.due_at
    if previous is None:
        raise ComplaintError("접수되지 않은 민원은 처리기간을 연장할 수 없습니다.")
    new_due = deadlines.extended_due(c, period=period, reason_code=reason_code, consent=applicant_consent)
    Extension.objects.create(
        complaint=c,
        reason_code=reason_code,
        reason_text=reason_text,
        period=period,
        previous_due_at=previous,
        new_due_at=new_due,
        applicant_consent=applicant_consent,
        consent_note=consent_note,
        actor=actor,
    )
    c.extension_count += 1
    c.due_at = deadlines.due_for(c)
    _save(c, "extension_count", "due_at")
    record(
        c,
        EventVerb.EXTENDED,
        actor=actor,
        public=True,
        status_before=c.status,
        note=reason_text,
        data={
            "reason_code": reason_code,
            "period": period,
            "previous_due_at": _iso(previous),
            "due_at": _iso(c.due_at),
            "consent": applicant_consent,
        },
    )
    return c


@transaction.atomic
def transfer_complaint(actor, complaint: Complaint | int, *, agency: str, reason: str) -> Complaint:
    """이송 (법 제16조, 영 제13조): to another agency, with notice to the applicant."""
    c = _begin(actor, complaint, "transfer")
    agency = _require(agency, "이송할 기관을 입력해 주십시오.", "agency")
    reason = _require(reason, "이송 사유를 입력해 주십시오.", "reason")
    before = c.status
    c.status, c.transferred_to, c.closed_at = S.TRANSFERRED, agency, timezone.now()
    _save(c, "status", "transferred_to", "closed_at")
    record(
        c,
        EventVerb.TRANSFERRED,
        actor=actor,
        public=True,
        status_before=before,
        note=reason,
        data={"agency": agency},
    )
    return c


@transaction.atomic
def answer_complaint(actor, complaint: Complaint | int, *, answer: str) -> Complaint:
    c = _begin(actor, complaint, "answer")
    answer = _require(answer, "답변 내용을 입력해 주십시오.", "answer")
    before = c.status
    c.answer, c.answered_at, c.status = answer, timezone.now(), S.ANSWERED
    fields = ["answer", "answered_at", "status"]
    if c.handler_id is None and actor is not None:
        _check_not_exempted(c, actor)
        c.handler = actor
        fields.append("handler")
    _save(c, *fields)
    on_time = c.due_at is None or c.answered_at <= c.due_at
    record(
        c,
        EventVerb.ANSWERED,
        actor=actor,
        public=True,
        status_before=before,
        note=answer,
        data={"on_time": on_time, "handler_id": c.handler_id},
    )
    return c


@transaction.atomic
def close_complaint(
    actor, complaint: Complaint | int, *, reason: str = ClosureReason.RESOLVED, note: str = ""
) -> Complaint:
    c = _begin(actor, complaint, "close")
    if reason not in ClosureReason.values:
        raise ComplaintError("종결 사유를 선택해 주십시오.", field="reason")
    if reason == ClosureReason.REPEATED:
        # Otherwise any officer could pick the reason code and skip the law's test and evidence.
        raise ComplaintError(
            "반복민원 종결은 같은 신청인의 같은 내용 민원(법 제23조 근거)을 확인하는 "
            "‘반복민원으로 종결’에서 해 주십시오.",
            field="reason",
        )
    before = c.status
    c.status, c.closure_reason, c.closed_at = S.CLOSED, reason, timezone.now()
    _save(c, "status", "closure_reason", "closed_at")
    record(
        c,
        EventVerb.CLOSED,
        actor=actor,
        public=True,
        status_before=before,
        note=note,
        data={"reason": reason},
    )
    return c


@transaction.atomic
def close_repeated_complaint(
    actor, complaint: Complaint | int, *, evidence_ids: Iterable[int], note: str = ""
) -> Complaint:
    """반복민원 종결 (법 제23조): the desk closes a later filing of the same content.

    Allowed only when, counting this one, the applicant filed the same content 3+ times and 2+
    earlier results were notified before it arrived; never for a 법정민원; only by the desk. The
    rule is checked again here on the evidence the desk ticked (`evidence_ids`: the earlier 민원),
    under the row lock, so a page left open while things changed cannot close wrongly. The event
    keeps the reason code and the evidence; `repeat_of` points at the first filing. Nothing calls
    this on its own: the system only shows the evidence (minwon.triage).
    """
    c = _begin(actor, complaint, "close_repeated")
    if c.kind == Kind.STATUTORY:
        raise ComplaintError("법정민원은 반복민원으로 종결할 수 없습니다 (법 제23조).", field="kind")
    assessment = hooks.assess_repeated(c, evidence_ids=list(evidence_ids))
    if not assessment.may_close:
        raise ComplaintError(" ".join(assessment.reasons), field="evidence")
    evidence = list(assessment.evidence)
    note = (note or "").strip()
    text = (
        f"반복민원 종결 (법 제23조): 같은 내용 {assessment.filings}회 접수, "
        f"처리결과 통지 {assessment.notified}회. 근거: {', '.join(p.tracking_no for p in evidence)}"
    )
    now = timezone.now()
    Pause.objects.filter(complaint=c, ended_at__isnull=True).update(ended_at=now)
    before = c.status
    c.status, c.closure_reason, c.closed_at, c.paused_since = S.CLOSED, ClosureReason.REPEATED, now, None
    c.repeat_of_id = evidence[0].complaint_id
    _save(c, "status", "closure_reason", "closed_at", "paused_since", "repeat_of")
    record(
        c,
        EventVerb.CLOSED,
        actor=actor,
        public=True,
        status_before=before,
        note=f"{text}\n{note}" if note else text,
        data={
            "reason": ClosureReason.REPEATED,
            "evidence_ids": [p.complaint_id for p in evidence],
            "evidence": [p.tracking_no for p in evidence],
            "filings": assessment.filings,
            "notified": assessment.notified,
        },
    )
    return c


@transaction.atomic
def withdraw_complaint(actor, complaint: Complaint | int, *, reason: str = "") -> Complaint:
    """취하: the applicant takes the 민원 back (a desk clerk may record it for them)."""
    c = _begin(actor, complaint, "withdraw")
    now = timezone.now()
    Pause.objects.filter(complaint=c, ended_at__isnull=True).update(ended_at=now)
    before = c.status
    c.status, c.closed_at, c.paused_since = S.WITHDRAWN, now, None
    _save(c, "status", "closed_at", "paused_since")
    record(c, EventVerb.WITHDRAWN, actor=actor, public=True, status_before=before, note=reason.strip())
    return c


@transaction.atomic
def reject_complaint(actor, complaint: Complaint | int, *, reason: str, remedies: str = "") -> Complaint:
    """반려: the notice must state the reasons and the remedies (법 제27조, 영 제31조)."""
    c = _begin(actor, complaint, "reject")
    reason = _require(reason, "반려 사유를 입력해 주십시오.", "reason")
    remedies = (remedies or "").strip() or deadlines.DEFAULT_REMEDIES
    now = timezone.now()
    Pause.objects.filter(complaint=c, ended_at__isnull=True).update(ended_at=now)
    before = c.status
    c.status, c.closed_at, c.rejection_reason, c.paused_since = (
        S.REJECTED,
        now,
        f"{reason}\n\n{remedies}",
        None,
    )
    _save(c, "status", "closed_at", "rejection_reason", "paused_since")
    record(
        c,
        EventVerb.REJECTED,
        actor=actor,
        public=True,
        status_before=before,
        note=reason,
        data={"remedies": remedies},
    )
    return c


@transaction.atomic
def merge_complaint(actor, complaint: Complaint | int, *, into: Complaint | int, note: str = "") -> Complaint:
    """병합: a duplicate joins the 민원 already being handled; its applicant hears with it."""
    c = _begin(actor, complaint, "merge")
    target = Complaint.objects.select_for_update().get(pk=into if isinstance(into, int) else into.pk)
    if target.pk == c.pk:
        raise ComplaintError("같은 민원끼리는 병합할 수 없습니다.", field="into")
    if not target.is_open:
        raise ComplaintError(f"병합 대상 민원({target.tracking_no})이 이미 처리를 마쳤습니다.", field="into")
    if target.duplicate_of_id:
        raise ComplaintError(
            "병합된 민원에는 다시 병합할 수 없습니다. 원 민원을 선택해 주십시오.", field="into"
        )
    now = timezone.now()
    Pause.objects.filter(complaint=c, ended_at__isnull=True).update(ended_at=now)
    before = c.status
    c.status, c.duplicate_of, c.closed_at, c.paused_since = S.MERGED, target, now, None
    _save(c, "status", "duplicate_of", "closed_at", "paused_since")
    record(
        c,
        EventVerb.MERGED,
        actor=actor,
        public=True,
        status_before=before,
        note=note,
        data={"into": target.tracking_no, "into_id": target.pk},
    )
    record(
        target,
        EventVerb.MERGED_INTO,
        actor=actor,
        public=False,
        status_before=target.status,
        data={"from": c.tracking_no, "from_id": c.pk},
    )
    return c


REOPEN_REFUSED_REPEATED = (
    "반복민원으로 종결된 민원은 다시 처리를 요청할 수 없습니다(법 제23조). "
    "새로운 내용이 있으면 새 민원으로 신청해 주십시오."
)


def may_reopen(complaint: Complaint) -> bool:
    """One rule for every door (portal, survey link, staff form): answered or closed, but a 반복민원
    closure stays closed — reopening it would send the department back to answering it a fourth time."""
    return complaint.status in ALLOWED_FROM["reopen"] and complaint.closure_reason != ClosureReason.REPEATED


@transaction.atomic
def reopen_complaint(actor, complaint: Complaint | int, *, reason: str) -> Complaint:
    """The applicant says the answer did not resolve it: the same department processes it again."""
    c = _begin(actor, complaint, "reopen")
    if not may_reopen(c):
        raise ComplaintError(REOPEN_REFUSED_REPEATED, field="status")
    reason = _require(reason, "해결되지 않은 점을 적어 주십시오.", "reason")
    before = c.status
    now = timezone.now()
    c.status, c.closed_at, c.closure_reason = S.REOPENED, None, ""
    c.clock_started_at = now
    c.reopen_count += 1
    c.extension_count = 0
    c.due_at = deadlines.due_for(c)
    _save(
        c,
        "status",
        "closed_at",
        "closure_reason",
        "clock_started_at",
        "reopen_count",
        "extension_count",
        "due_at",
    )
    record(
        c,
        EventVerb.REOPENED,
        actor=actor,
        public=True,
        status_before=before,
        note=reason,
        data={"due_at": _iso(c.due_at), "count": c.reopen_count},
    )
    return c


@transaction.atomic
def reclassify_kind(actor, complaint: Complaint | int, *, kind: str, reason: str = "") -> Complaint:
    c = _begin(actor, complaint, "reclassify")
    if kind not in Kind.values:
        raise ComplaintError("알 수 없는 민원 종류입니다.", field="kind")
    if kind == c.kind:
        raise ComplaintError("이미 그 종류로 분류된 민원입니다.", field="kind")
    old_kind, old_due = c.kind, c.due_at
    c.kind, c.period = kind, c.category.period_for(kind)
    fields = ["kind", "period"]
    if c.clock_started_at:
        c.due_at = deadlines.due_for(c)
        fields.append("due_at")
    _save(c, *fields)
    record(
        c,
        EventVerb.RECLASSIFIED,
        actor=actor,
        public=True,
        status_before=c.status,
        note=reason,
        data={"from": old_kind, "to": kind, "previous_due_at": _iso(old_due), "due_at": _iso(c.due_at)},
    )
    return c


@transaction.atomic
def add_note(actor, complaint: Complaint | int, *, body: str, public: bool = False) -> Complaint:
    """An internal note (staff only) or a public progress note the applicant sees on the timeline."""
    c = _begin(actor, complaint, "note")
    body = _require(body, "내용을 입력해 주십시오.", "body")
    record(
        c,
        EventVerb.PROGRESS if public else EventVerb.NOTE,
        actor=actor,
        public=public,
        status_before=c.status,
        note=body,
    )
    return c


def _check_department(department) -> None:
    if department is None or not department.is_active:
        raise ComplaintError("폐지되었거나 없는 부서로는 배정할 수 없습니다.", field="department")


def _check_not_exempted(c: Complaint, handler) -> None:
    """Staff protection (특이민원): an employee separated from this applicant never becomes handler."""
    refusal = hooks.handler_refusal(c, handler)
    if refusal:
        raise ComplaintError(refusal, field="handler")


def _may_assign_others(actor, c: Complaint) -> bool:
    from .access import DESK

    return actor.has_role(*DESK) or c.department_id in actor.headed_department_ids


def _late_routing(c: Complaint) -> bool:
    return bool(c.routing_due_at and timezone.now() > c.routing_due_at)


def _iso(dt) -> str | None:
    return timezone.localtime(dt).isoformat() if dt else None
