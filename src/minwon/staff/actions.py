"""The lifecycle actions offered on a complaint page: which form, which service call.

One table instead of one view per action: the view (`views.act`) fetches and authorises the 민원,
binds the form from here and calls `run`, which is always exactly one `complaints.services`
function (STYLE §2). What is shown follows `access.may_act` and `services.ALLOWED_FROM`, the same
rules the services enforce, so a form is never offered that the service would refuse for role
or state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minwon.accounts.models import User
from minwon.complaints import access, hooks, services
from minwon.complaints.errors import ComplaintError
from minwon.complaints.models import Complaint
from minwon.org.models import Department

from . import forms
from .models import ResponseTemplate
from .queries import members_of, normalise_tracking_no


@dataclass(frozen=True)
class Action:
    name: str  # the key of services.ALLOWED_FROM and access.ACTION_ROLES
    label: Any
    form: type[forms.ActionForm]
    run: Callable[[Any, Complaint, dict], str]  # calls one service, returns the success message
    danger: bool = False
    hint: Any = ""


def is_available(user, complaint: Complaint, name: str) -> bool:
    """Offer the form only when the role and the state allow it (the service checks both again)."""
    if complaint.status not in services.ALLOWED_FROM[name]:
        return False
    if name == "extend" and complaint.due_at is None:
        return False
    if name == "reopen" and not services.may_reopen(complaint):
        return False
    return access.may_act(user, complaint, name)


# --- choices that depend on the 민원 and the user -------------------------------------------------


def route_choices(complaint: Complaint, departments=None):
    """Routing select: the triage module's suggestions first, then every active department."""
    suggestions = [s for s in hooks.suggest_departments(complaint) if s.department is not None]
    if departments is None:
        departments = Department.objects.active().filter(is_desk=False).order_by("name")
    return forms.department_choices(suggestions, departments)


def assignable_handlers(user, complaint: Complaint):
    """Anyone in the department for the head and the desk; an officer can only take it themself."""
    if complaint.department_id is None:
        return User.objects.none()
    members = members_of([complaint.department_id])
    if not (user.has_role(*access.DESK) or complaint.department_id in user.headed_department_ids):
        members = members.filter(pk=user.pk)
    # Staff protection: an employee separated from this applicant is not offered at all.
    exempted = hooks.exempted_handler_ids(complaint, members.values_list("pk", flat=True))
    return members.exclude(pk__in=exempted) if exempted else members


def templates_for(complaint: Complaint):
    return ResponseTemplate.objects.filter(is_active=True).filter(
        Q(category_id=complaint.category_id) | Q(category__isnull=True)
    )


def build_form(name: str, complaint: Complaint, user, data=None):
    action = ACTIONS[name]
    kwargs: dict[str, Any] = {"complaint": complaint, "user": user, "prefix": name}
    if name in ("assign_department", "reassign"):
        kwargs["department_choices"] = route_choices(complaint)
    elif name == "assign_handler":
        kwargs["handlers"] = assignable_handlers(user, complaint)
    elif name == "answer":
        kwargs["templates"] = templates_for(complaint)
    return action.form(data, **kwargs)


# --- runners: each is one service call ------------------------------------------------------------


def _department(value: str) -> Department:
    department = Department.objects.filter(pk=value).first()
    if department is None:
        raise ComplaintError(_("없는 부서입니다."), field="department")
    return department


def _accept(user, c, data):
    c = services.accept_complaint(user, c)
    return _("접수했습니다. 처리기한: %(due)s") % {"due": _due(c)}


def _route(user, c, data):
    department = _department(data["department"])
    services.assign_department(user, c, department, note=data.get("note", ""))
    return _("%(dept)s(으)로 배정했습니다.") % {"dept": department.name}


def _reassign(user, c, data):
    department = _department(data["department"])
    services.reassign_department(user, c, department, reason=data["reason"])
    return _("%(dept)s(으)로 재배정했습니다.") % {"dept": department.name}


def _assign_handler(user, c, data):
    handler = User.objects.filter(pk=data["handler"]).first()
    if handler is None:
        raise ComplaintError(_("없는 사용자입니다."), field="handler")
    services.assign_handler(user, c, handler)
    return _("담당자를 %(name)s님으로 지정했습니다.") % {"name": handler}


def _start(user, c, data):
    services.start_processing(user, c)
    return _("처리를 시작했습니다.")


def _request_supplement(user, c, data):
    services.request_supplement(user, c, what=data["what"], until=data.get("until"))
    return _("보완을 요청했습니다. 보완될 때까지 처리기간이 멈춥니다.")


def _receive_supplement(user, c, data):
    c = services.receive_supplement(user, c, note=data.get("note", ""))
    return _("보완을 접수했습니다. 새 처리기한: %(due)s") % {"due": _due(c)}


def _extend(user, c, data):
    c = services.extend_deadline(
        user,
        c,
        period=data["period"],
        reason_code=data["reason_code"],
        reason_text=data["reason_text"],
        applicant_consent=data.get("applicant_consent", False),
        consent_note=data.get("consent_note", ""),
    )
    return _("처리기간을 연장했습니다. 새 처리기한: %(due)s") % {"due": _due(c)}


def _transfer(user, c, data):
    services.transfer_complaint(user, c, agency=data["agency"], reason=data["reason"])
    return _("%(agency)s(으)로 이송했습니다.") % {"agency": data["agency"]}


def _answer(user, c, data):
    services.answer_complaint(user, c, answer=data["answer"])
    return _("답변을 등록했습니다. 민원인에게 통지됩니다.")


def _close(user, c, data):
    services.close_complaint(user, c, reason=data["reason"], note=data.get("note", ""))
    return _("종결했습니다.")


def _reject(user, c, data):
    services.reject_complaint(user, c, reason=data["reason"], remedies=data.get("remedies", ""))
    return _("반려했습니다.")


def _merge(user, c, data):
    number = normalise_tracking_no(data["into"])
    pk = Complaint.objects.filter(tracking_no=number).values_list("pk", flat=True).first()
    if pk is None:
        raise ComplaintError(_("접수번호 %(no)s인 민원이 없습니다.") % {"no": number}, field="into")
    target = access.get_complaint_for(user, pk)
    services.merge_complaint(user, c, into=target, note=data.get("note", ""))
    return _("%(no)s 민원에 병합했습니다.") % {"no": target.tracking_no}


def _reclassify(user, c, data):
    services.reclassify_kind(user, c, kind=data["kind"], reason=data.get("reason", ""))
    return _("민원 종류를 바꿨습니다.")


def _note(user, c, data):
    public = data["visibility"] == "public"
    services.add_note(user, c, body=data["body"], public=public)
    return _("진행 상황을 민원인에게 공개했습니다.") if public else _("내부 메모를 남겼습니다.")


def _withdraw(user, c, data):
    services.withdraw_complaint(user, c, reason=data.get("reason", ""))
    return _("취하로 처리했습니다.")


def _reopen(user, c, data):
    services.reopen_complaint(user, c, reason=data["reason"])
    return _("재처리를 요청했습니다.")


def _due(c: Complaint) -> str:
    from minwon.complaints.deadlines import korean_due

    return korean_due(c.due_at) or _("없음")


L = gettext_lazy
# Display order on the complaint page: the everyday steps first, the rare and final ones last.
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("accept", L("접수"), forms.AcceptForm, _accept, hint=L("접수하면 처리기간이 시작됩니다.")),
        Action("assign_department", L("부서 배정"), forms.RouteForm, _route),
        Action("assign_handler", L("담당자 지정"), forms.HandlerForm, _assign_handler),
        Action("start", L("처리 시작"), forms.StartForm, _start),
        Action("answer", L("답변"), forms.AnswerForm, _answer),
        Action("note", L("메모·진행 상황"), forms.NoteForm, _note),
        Action("request_supplement", L("보완 요청"), forms.SupplementRequestForm, _request_supplement),
        Action("receive_supplement", L("보완 접수"), forms.SupplementReceiveForm, _receive_supplement),
        Action("extend", L("처리기간 연장"), forms.ExtendForm, _extend),
        Action("reassign", L("부서 재배정"), forms.ReassignForm, _reassign),
        Action("reclassify", L("민원 종류 변경"), forms.ReclassifyForm, _reclassify),
        Action("transfer", L("다른 기관으로 이송"), forms.TransferForm, _transfer),
        Action("merge", L("병합"), forms.MergeForm, _merge),
        Action("close", L("종결"), forms.CloseForm, _close),
        Action("reject", L("반려"), forms.RejectForm, _reject, danger=True),
        Action("withdraw", L("취하 처리"), forms.WithdrawForm, _withdraw, danger=True),
        Action("reopen", L("재처리 요청"), forms.ReopenForm, _reopen),
    )
}
