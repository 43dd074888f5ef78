"""Who may see and do what with a 민원 (DESIGN §1, issue 2 "object-level access").

One place answers both questions so that views, the API and services agree:
- `can_read_full`: the whole record, internal notes included (but not the applicant's contact,
  which is revealed only through `reveal_contact` and logged);
- `can_read_public`: the public view of a public 민원;
- `check_action`: may this actor perform this lifecycle action now? Raises `AccessDenied`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from minwon.accounts.models import AccessLog, Role

from .models import Complaint

# Roles that oversee every department's 민원. The auditor only reads (never in ACTION_ROLES).
READ_ALL_ROLES = (Role.DESK, Role.AUDITOR, Role.ADMIN, Role.CARE, Role.AGENT)
# Roles that may reveal an applicant's contact, always with a logged reason.
CONTACT_ROLES = (Role.DESK, Role.ADMIN, Role.OFFICER, Role.HEAD, Role.AUDITOR, Role.CARE, Role.AGENT)


class AccessDenied(PermissionDenied):
    """The actor may not do this; the message is a Korean sentence for the user."""


def in_department(user, complaint: Complaint) -> bool:
    return complaint.department_id is not None and complaint.department_id in user.department_ids


def heads_department(user, complaint: Complaint) -> bool:
    return complaint.department_id is not None and complaint.department_id in user.headed_department_ids


def is_applicant(user, complaint: Complaint) -> bool:
    return bool(user and user.is_authenticated and complaint.applicant_id == user.pk)


def can_read_full(user, complaint: Complaint) -> bool:
    if not user or not user.is_authenticated:
        return False
    if user.has_role(*READ_ALL_ROLES):
        return True
    if user.has_role(Role.OFFICER, Role.HEAD) and in_department(user, complaint):
        return True
    return is_applicant(user, complaint)


def can_read_public(user, complaint: Complaint) -> bool:
    return complaint.is_public or can_read_full(user, complaint)


# Which roles may attempt each action; department membership is checked on top for DEPT roles.
DESK = {Role.DESK, Role.ADMIN}
DEPT = {Role.OFFICER, Role.HEAD}
ACTION_ROLES: dict[str, dict[str, set]] = {
    # action: {"any": roles allowed on any 민원, "dept": roles allowed only in their department}
    "accept": {"any": DESK, "dept": set()},
    "assign_department": {"any": DESK, "dept": set()},
    "reassign": {"any": DESK, "dept": DEPT},
    "assign_handler": {"any": DESK, "dept": DEPT},
    "start": {"any": set(), "dept": DEPT},
    "request_supplement": {"any": set(), "dept": DEPT},
    "receive_supplement": {"any": DESK, "dept": DEPT},
    "extend": {"any": set(), "dept": DEPT},
    "transfer": {"any": DESK, "dept": DEPT},
    "answer": {"any": set(), "dept": DEPT},
    "close": {"any": DESK, "dept": DEPT},
    # 반복민원 종결 (법 제23조) ends a 민원 without processing it: the desk decides, on evidence.
    "close_repeated": {"any": DESK, "dept": set()},
    "withdraw": {"any": DESK, "dept": set()},
    "reject": {"any": DESK, "dept": DEPT},
    "merge": {"any": DESK, "dept": set()},
    "reopen": {"any": DESK, "dept": set()},
    "reclassify": {"any": DESK, "dept": {Role.HEAD}},
    "note": {"any": DESK | {Role.CARE, Role.AGENT}, "dept": DEPT},
    "attach": {"any": DESK, "dept": DEPT},
}
# Actions the applicant may take on their own 민원.
APPLICANT_ACTIONS = {"withdraw", "reopen", "receive_supplement", "attach"}

ACTION_LABELS = {
    "accept": "접수",
    "assign_department": "부서 배정",
    "reassign": "부서 재배정",
    "assign_handler": "담당자 지정",
    "start": "처리 시작",
    "request_supplement": "보완 요청",
    "receive_supplement": "보완 접수",
    "extend": "처리기간 연장",
    "transfer": "이송",
    "answer": "답변",
    "close": "종결",
    "close_repeated": "반복민원 종결",
    "withdraw": "취하",
    "reject": "반려",
    "merge": "병합",
    "reopen": "재처리 요청",
    "reclassify": "민원 종류 변경",
    "note": "메모 작성",
    "attach": "첨부",
}


def may_act(user, complaint: Complaint, action: str) -> bool:
    """True when `user` (None = the system itself) may perform `action` on `complaint`."""
    if user is None:
        return True
    if not user.is_authenticated:
        return False
    rule = ACTION_ROLES[action]
    if user.has_role(*rule["any"]):
        return True
    if rule["dept"] and user.has_role(*rule["dept"]) and in_department(user, complaint):
        return True
    return action in APPLICANT_ACTIONS and is_applicant(user, complaint)


def check_action(user, complaint: Complaint, action: str) -> None:
    if not may_act(user, complaint, action):
        raise AccessDenied(f"이 민원에 대해 '{ACTION_LABELS[action]}'을(를) 할 권한이 없습니다.")


def get_complaint_for(user, pk: int, *, write: bool = False, public_ok: bool = False) -> Complaint:
    """Fetch-and-authorize: the 민원 or 404/403 (STYLE §3).

    A private 민원 of another department answers 404, not 403, so its existence is not disclosed.
    """
    try:
        complaint = Complaint.objects.select_related("category", "department", "handler").get(pk=pk)
    except Complaint.DoesNotExist:
        raise Http404("민원을 찾을 수 없습니다.") from None
    if can_read_full(user, complaint):
        if write and user.has_role(Role.AUDITOR) and not user.has_role(*DESK, *DEPT):
            raise AccessDenied("감사 역할은 민원을 읽기만 할 수 있습니다.")
        return complaint
    if public_ok and complaint.is_public and not write:
        return complaint
    raise Http404("민원을 찾을 수 없습니다.")


def reveal_contact(user, complaint: Complaint, *, reason: str, ip: str | None = None) -> dict[str, str]:
    """Return the applicant's contact details and write the access-log row (개인정보 보호법 제29조)."""
    if is_applicant(user, complaint):
        return _contact(complaint)
    if not (
        user and user.is_authenticated and user.has_role(*CONTACT_ROLES) and can_read_full(user, complaint)
    ):
        raise AccessDenied("민원인의 개인정보를 열람할 권한이 없습니다.")
    reason = (reason or "").strip()
    if not reason:
        raise AccessDenied("개인정보 열람 사유를 입력해 주십시오.")
    AccessLog.objects.create(
        user=user,
        object_type="complaint",
        object_id=str(complaint.pk),
        fields="이름,전화,전자우편,우편 주소",
        reason=reason[:200],
        ip=ip,
    )
    return _contact(complaint)


def _contact(c: Complaint) -> dict[str, str]:
    return {
        "name": c.applicant_name,
        "phone": c.applicant_phone,
        "email": c.applicant_email,
        "postal_address": c.applicant_postal_address,
    }
