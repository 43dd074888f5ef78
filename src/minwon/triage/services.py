"""Every write triage makes (STYLE §2): 공감, 반복민원 closure, 다수인 grouping, merging."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from minwon.complaints import services as complaint_services
from minwon.complaints.access import can_read_full, check_action
from minwon.complaints.choices import EventVerb
from minwon.complaints.errors import ComplaintError
from minwon.complaints.events import record
from minwon.complaints.intake import _normalise_phone
from minwon.complaints.models import Complaint

from .models import GroupCase, GroupMember, Support
from .similar import applicant_identity

MIN_GROUP_APPLICANTS = 5
# Until EventVerb gains `supported`/`grouped`, triage writes NOTE events tagged in `data`.
SUPPORT_TAG = "support"
GROUP_TAG = "group_case"


def _lock(complaint: Complaint | int) -> Complaint:
    pk = complaint if isinstance(complaint, int) else complaint.pk
    return Complaint.objects.select_for_update(of=("self",)).select_related("category").get(pk=pk)


@transaction.atomic
def support_complaint(
    actor, complaint: Complaint | int, *, phone: str = "", email: str = "", notify: bool = True
) -> Support:
    """공감/me too: join an open 민원 (public, or one the actor may read) instead of filing anew.

    One support per account or phone number; the supporter hears the result with it when
    `notify` (the notify worker reads `supporters_to_notify`). Records a NOTE event whose data is
    {"triage": "support", "support_id", "count"}.
    """
    c = _lock(complaint)
    if not c.is_open:
        raise ComplaintError("처리가 끝난 민원에는 공감할 수 없습니다.")
    if not (c.is_public or can_read_full(actor, c)):
        raise ComplaintError("공개된 민원에만 공감할 수 있습니다.")
    user = actor if actor is not None and actor.is_authenticated else None
    phone = _normalise_phone(phone)
    if user is None and not (phone or email):
        raise ComplaintError("처리결과를 받을 전화번호나 전자우편을 입력해 주십시오.", field="contact")
    if user is not None and c.applicant_id == user.pk:
        raise ComplaintError("본인이 신청한 민원입니다.")
    try:
        with transaction.atomic():
            support = Support.objects.create(
                complaint=c, user=user, phone=phone, email=email.strip().lower(), notify=notify
            )
    except IntegrityError:
        raise ComplaintError("이미 공감한 민원입니다.") from None
    count = Support.objects.filter(complaint=c).count()
    record(
        c,
        EventVerb.NOTE,
        actor=user,
        public=True,
        status_before=c.status,
        note=f"공감 {count}명",
        data={"triage": SUPPORT_TAG, "support_id": support.pk, "count": count},
    )
    return support


def support_count(complaint: Complaint) -> int:
    return Support.objects.filter(complaint=complaint).count()


def supporters_to_notify(complaint: Complaint):
    """For the notify worker: supporters who asked to hear the result of this 민원."""
    return Support.objects.filter(complaint=complaint, notify=True).select_related("user")


def close_as_repeated(
    actor, complaint: Complaint | int, evidence_ids: list[int], *, note: str = ""
) -> Complaint:
    """The desk closes a 반복민원 (법 제23조) on the evidence it saw and ticked.

    `complaints.services.close_repeated_complaint` re-checks the rule on that evidence under the
    row lock and writes the event; the system never calls this on its own.
    """
    return complaint_services.close_repeated_complaint(actor, complaint, evidence_ids=evidence_ids, note=note)


def closable_statuses() -> set[str]:
    """Statuses from which the desk may close a 민원 as 반복민원."""
    return set(complaint_services.ALLOWED_FROM["close_repeated"])


@transaction.atomic
def merge_into(actor, complaint: Complaint | int, *, into: Complaint | int, score: float | None = None):
    """The desk merges a 민원 into a similar open one (services.merge_complaint does the work)."""
    note = f"유사 민원 병합 (유사도 {score:.2f})" if score is not None else "유사 민원 병합"
    return complaint_services.merge_complaint(actor, complaint, into=into, note=note)


@transaction.atomic
def form_group_case(
    actor, complaints: list[Complaint], *, representatives: list[Complaint], title: str = ""
) -> GroupCase:
    """다수인관련민원: 5+ applicants' 민원 of the same content become one case with representatives.

    Sets `Complaint.group_key` on each member (a queryset update plus a NOTE event each, until
    complaints.services has its own `link_group`).
    """
    if not complaints:
        raise ComplaintError("묶을 민원을 선택해 주십시오.")
    locked = [_lock(c) for c in sorted(complaints, key=lambda c: c.pk)]
    for c in locked:
        check_action(actor, c, "merge")
        if c.group_key:
            raise ComplaintError(f"{c.tracking_no}은(는) 이미 다수인 민원으로 묶여 있습니다.")
    identities = {applicant_identity(c) for c in locked}
    if len(identities) < MIN_GROUP_APPLICANTS:
        raise ComplaintError(
            f"다수인관련민원은 신청인이 {MIN_GROUP_APPLICANTS}명 이상이어야 합니다 "
            f"(현재 {len(identities)}명)."
        )
    rep_ids = {c.pk for c in representatives}
    if not rep_ids or not rep_ids <= {c.pk for c in locked}:
        raise ComplaintError("대표자는 묶는 민원의 신청인 중에서 1명 이상 골라 주십시오.")
    lead = min(locked, key=lambda c: c.received_at)
    key = f"G{timezone.localtime():%Y%m%d}-{uuid.uuid4().hex[:8]}"
    case = GroupCase.objects.create(key=key, title=(title or lead.title)[:200], lead=lead, created_by=actor)
    GroupMember.objects.bulk_create(
        [GroupMember(case=case, complaint=c, is_representative=c.pk in rep_ids) for c in locked]
    )
    Complaint.objects.filter(pk__in=[c.pk for c in locked]).update(group_key=key, updated_at=timezone.now())
    for c in locked:
        c.group_key = key
        record(
            c,
            EventVerb.NOTE,
            actor=actor,
            public=False,
            status_before=c.status,
            note=f"다수인관련민원 {key}로 묶음 ({len(identities)}명)",
            data={
                "triage": GROUP_TAG,
                "group_key": key,
                "case_id": case.pk,
                "representative": c.pk in rep_ids,
            },
        )
    return case
