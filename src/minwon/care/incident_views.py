"""특이민원 pages: filing (any staff), the incident page (logged), the care officer's measures, files."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minwon.accounts.models import User
from minwon.complaints import hooks
from minwon.complaints.access import get_complaint_for
from minwon.complaints.models import Complaint
from minwon.portal.access import client_ip, normalise_tracking_no
from minwon.staff.queries import members_of
from minwon.staff.views import staff_page

from . import access, incidents
from .errors import CareError
from .forms import CautionForm, IncidentForm, ReferralForm, RestForm, SeparateForm
from .views import put_error


def _complaint_by_number(user, number: str) -> Complaint | None:
    number = normalise_tracking_no(number)
    if not number:
        return None
    pk = Complaint.objects.filter(tracking_no=number).values_list("pk", flat=True).first()
    if pk is None:
        raise CareError(_("접수번호 %(no)s인 민원이 없습니다.") % {"no": number}, field="tracking_no")
    try:
        return get_complaint_for(user, pk)
    except Http404:
        raise CareError(
            _("볼 수 없는 민원입니다. 접수번호를 확인해 주십시오."), field="tracking_no"
        ) from None


@require_GET
@staff_page()
def incident_list(request):
    rows = access.log_listing(
        request.user,
        access.visible_incidents(request.user).order_by("-created_at")[:100],
        ip=client_ip(request),
    )
    return render(
        request,
        "care/incidents.html",
        {
            "rows": rows,
            "is_care": access.is_care(request.user),
            "sees_all": access.sees_all_incidents(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page()
def incident_new(request):
    initial = {}
    if request.GET.get("complaint", "").isdigit():
        c = (
            Complaint.objects.filter(pk=int(request.GET["complaint"]))
            .values_list("tracking_no", flat=True)
            .first()
        )
        if c:
            initial = {"tracking_no": c, "context": "complaint"}
    form = IncidentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = _complaint_by_number(request.user, data["tracking_no"])
            files = [incidents.Evidence(f.name, f.read(), f.content_type or "") for f in data["evidence"]]
            incident = incidents.file_incident(
                request.user,
                employee=data["employee"],
                kind=data["kind"],
                context=data["context"],
                narrative=data["narrative"],
                occurred_at=data["occurred_at"],
                complaint=complaint,
                call_ref=data["call_ref"],
                applicant_phone=data["applicant_phone"],
                wants_police=data["wants_police"],
                wants_legal=data["wants_legal"],
                evidence=files,
            )
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(request, _("신고를 접수했습니다. 친절·보호 담당이 곧 연락드립니다."))
            return redirect("care:incident", incident_pk=incident.pk)
    return render(request, "care/incident_new.html", {"form": form})


def _measure_forms(incident, data=None, which: str = ""):
    handlers = _takeover_candidates(incident)
    now = timezone.localtime().replace(second=0, microsecond=0)
    forms = {
        "rest": RestForm(initial={"starts_at": now, "ends_at": now + timedelta(hours=4)}),
        "separate": SeparateForm(
            initial={"days": settings.MINWON_CARE_EXEMPTION_DAYS},
            handlers=handlers,
        ),
        "caution": CautionForm(),
        "referral": ReferralForm(initial={"referred_on": now.date()}),
    }
    if which and data is not None:
        forms[which] = _bind(which, data, handlers)
    return forms


def _takeover_candidates(incident):
    """Who may take the 민원 over: the department's members, minus the employee and anyone exempted."""
    c = incident.complaint
    if c is None or c.department_id is None:
        return User.objects.none()
    members = members_of([c.department_id]).exclude(pk=incident.employee_id)
    exempted = hooks.exempted_handler_ids(c, members.values_list("pk", flat=True))
    return members.exclude(pk__in=exempted)


def _bind(which: str, data, handlers):
    if which == "rest":
        return RestForm(data)
    if which == "separate":
        return SeparateForm(data, handlers=handlers)
    if which == "caution":
        return CautionForm(data)
    return ReferralForm(data)


def _incident_page(request, incident, forms, status=200):
    is_care = access.is_care(request.user)
    oversees = access.sees_all_incidents(request.user)
    return render(
        request,
        "care/incident.html",
        {
            "i": incident,
            "is_care": is_care,
            "forms": forms if is_care else {},
            "evidence": incident.evidence.all(),
            "rests": incident.rests.select_related("granted_by"),
            "exemptions": incident.exemptions.all(),
            "cautions": incident.cautions.all(),
            "referrals": incident.referrals.all(),
            "is_auditor": access.is_auditor(request.user) and not is_care,
            "views_log": incident.views.select_related("user")[:30] if oversees else [],
        },
        status=status,
    )


@require_GET
@staff_page()
def incident(request, incident_pk: int):
    incident = access.get_incident_for(request.user, incident_pk, ip=client_ip(request))
    return _incident_page(request, incident, _measure_forms(incident))


def _run(request, incident, which: str, form):
    d = form.cleaned_data
    if which == "rest":
        incidents.grant_rest(
            request.user, incident, starts_at=d["starts_at"], ends_at=d["ends_at"], note=d["note"]
        )
        return _("휴식을 부여했습니다. 부서장에게는 업무에서 빠진다는 사실만 알렸습니다.")
    if which == "separate":
        incidents.separate_employee(request.user, incident, days=d["days"], new_handler=d["new_handler"])
        return _("업무를 분리했습니다.")
    if which == "caution":
        incidents.set_caution(request.user, incident, note=d["note"], days=d["days"])
        return _("민원인 주의 표시를 했습니다. 직원 화면에만 보입니다.")
    incidents.record_referral(
        request.user,
        incident,
        kind=d["kind"],
        agency=d["agency"],
        referred_on=d["referred_on"],
        note=d["note"],
    )
    return _("기록했습니다.")


@require_POST
@staff_page("care")
def incident_act(request, incident_pk: int, action: str):
    incident = access.get_incident_for(request.user, incident_pk, what=f"act:{action}", ip=client_ip(request))
    if action == "close":
        try:
            incidents.close_incident(request.user, incident, note=request.POST.get("note", ""))
        except CareError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("신고를 종결했습니다."))
        return redirect("care:incident", incident_pk=incident.pk)
    if action not in ("rest", "separate", "caution", "referral"):
        raise Http404
    forms = _measure_forms(incident, request.POST, action)
    form = forms[action]
    if form.is_valid():
        try:
            message = _run(request, incident, action, form)
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(request, message)
            return redirect("care:incident", incident_pk=incident.pk)
    return _incident_page(request, incident, forms, status=400)


@require_GET
@staff_page()
def evidence(request, incident_pk: int, evidence_pk: int):
    """Evidence leaves storage only here: same access rule as the incident, and logged."""
    incident = access.get_incident_for(
        request.user, incident_pk, what=f"evidence:{evidence_pk}", ip=client_ip(request)
    )
    item = incident.evidence.filter(pk=evidence_pk).first()
    if item is None:
        raise Http404(_("파일을 찾을 수 없습니다."))
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type or "application/octet-stream",
        as_attachment=True,
        filename=item.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
