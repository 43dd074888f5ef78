"""Care pages: the citizen's survey, praise and report forms; the care dashboard; employee pages.

Plain function views (STYLE §4); every write is one call into `services`/`quality`/`incidents`/
`ideas`; staff pages use the staff app's `staff_page` guard (log-in, staff role, Korean 403).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from minwon.accounts.models import Role, User
from minwon.complaints.access import get_complaint_for, reveal_contact
from minwon.complaints.services import may_reopen
from minwon.notify.models import StaffAlert
from minwon.org.models import Department
from minwon.portal.access import client_ip
from minwon.staff.views import staff_page

from . import access, queries, services
from .choices import IncidentStatus, PraiseChannel, ReportStatus, SampleStatus, SurveyChannel
from .errors import CareError
from .forms import (
    ForwardPraiseForm,
    ForwardUnkindForm,
    PeriodForm,
    PhoneSurveyForm,
    PraiseForm,
    ReportOutcomeForm,
    SatisfactionForm,
    UnkindForm,
    staff_people,
)
from .models import Incident, Praise, QualitySample, SatisfactionResponse

CARE = (Role.CARE,)


def put_error(form, exc: CareError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def period_from(request, *, months: int = 1) -> tuple[PeriodForm, datetime, datetime]:
    """[start, end) from ?start=&end= dates; default: the last `months` calendar months to today."""
    form = PeriodForm(request.GET or None)
    today = timezone.localdate()
    start_day, end_day = today.replace(day=1), today
    for _month in range(months - 1):
        start_day = (start_day - timedelta(days=1)).replace(day=1)
    if form.is_bound and form.is_valid():
        start_day = form.cleaned_data["start"] or start_day
        end_day = form.cleaned_data["end"] or end_day
    tz = timezone.get_current_timezone()
    start = datetime.combine(start_day, time.min, tzinfo=tz)
    end = datetime.combine(end_day + timedelta(days=1), time.min, tzinfo=tz)
    if not form.is_bound:
        form = PeriodForm(initial={"start": start_day, "end": end_day})
    return form, start, end


# --- satisfaction from the answer notice (no log-in) -------------------------------------------


@require_http_methods(["GET", "POST"])
def satisfaction(request, token: str):
    try:
        complaint, round_ = services.complaint_for_token(token)
    except CareError as exc:
        return render(request, "care/satisfaction_closed.html", {"message": exc.message}, status=410)
    existing = services.existing_response(complaint, round_)
    if not services.survey_is_open(complaint, round_):
        message = _(
            "이 민원은 다시 처리 중이거나 조사를 마쳤습니다. 새 답변을 받으시면 그때 다시 알려 주십시오."
        )
        return render(request, "care/satisfaction_closed.html", {"message": message, "response": existing})
    initial = {}
    if existing:
        initial = {
            "resolved": "yes" if existing.resolved else "no",
            "kindness": str(existing.kindness),
            "speed": str(existing.speed),
            "comment": existing.comment,
        }
    form = SatisfactionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response = services.submit_satisfaction(
                token,
                resolved=data["resolved"],
                kindness=data["kindness"],
                speed=data["speed"],
                comment=data["comment"],
                reopen=data["reopen"],
                user=request.user if request.user.is_authenticated else None,
            )
        except CareError as exc:
            put_error(form, exc)
        else:
            return render(request, "care/satisfaction_thanks.html", {"response": response, "c": complaint})
    return render(
        request,
        "care/satisfaction.html",
        {"form": form, "c": complaint, "existing": existing, "may_reopen": may_reopen(complaint)},
    )


# --- praise and unkindness reports (anyone; staff on behalf of a caller) ------------------------


def _on_behalf(request) -> bool:
    return request.user.is_authenticated and request.user.has_role(Role.DESK, Role.AGENT, Role.CARE)


@require_http_methods(["GET", "POST"])
def praise(request):
    on_behalf = _on_behalf(request)
    initial = {}
    if request.GET.get("employee", "").isdigit():
        initial["employee"] = request.GET["employee"]
    form = PraiseForm(request.POST or None, on_behalf=on_behalf, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.file_praise(
                request.user if request.user.is_authenticated else None,
                employee=data["employee"],
                department=data["department"],
                body=data["body"],
                praiser_name=data["praiser_name"],
                channel=data.get("channel") or PraiseChannel.WEB,
            )
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(request, _("칭찬을 전했습니다. 해당 직원과 부서장에게 알렸습니다. 고맙습니다."))
            return redirect("care:praise")
    return render(request, "care/praise.html", {"form": form, "on_behalf": on_behalf})


@require_http_methods(["GET", "POST"])
def unkind_new(request):
    on_behalf = _on_behalf(request)
    form = UnkindForm(request.POST or None, on_behalf=on_behalf)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.file_unkind_report(
                request.user if request.user.is_authenticated else None,
                employee=data["employee"],
                department=data["department"],
                named_text=data["named_text"],
                body=data["body"],
                reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"],
                channel=data.get("channel") or PraiseChannel.WEB,
            )
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(
                request,
                _("신고를 접수했습니다. 친절·보호 담당만 보며, 신고하신 분은 해당 직원에게 알리지 않습니다."),
            )
            return redirect("care:unkind_new")
    return render(request, "care/unkind_new.html", {"form": form, "on_behalf": on_behalf})


@require_GET
@staff_page(*CARE)
def reports(request):
    rows = access.visible_reports(request.user)
    return render(
        request,
        "care/reports.html",
        {
            "open": rows.filter(status=ReportStatus.RECEIVED),
            "closed": rows.filter(status=ReportStatus.CLOSED)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page(*CARE)
def report(request, pk: int):
    report = access.get_report_for(request.user, pk)
    form = ReportOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_unkind_report(
                request.user, report, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"]
            )
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(request, _("처리 결과를 기록했습니다."))
            return redirect("care:report", pk=pk)
    return render(request, "care/report.html", {"r": report, "form": form})


# --- praise / unkindness that arrived as a 민원 (phone, post, visit, 국민신문고 …) ----------------


@require_GET
@staff_page(Role.CARE, Role.DESK)
def to_forward(request):
    """The worklist: 칭찬·불친절 유형 민원 from any channel that have not reached anyone yet."""
    return render(request, "care/to_forward.html", {"rows": queries.complaints_to_forward()})


@require_http_methods(["GET", "POST"])
@staff_page()
def forward(request, pk: int):
    complaint = get_complaint_for(request.user, pk, write=True)
    kind = queries.forward_kind(complaint) or request.GET.get("kind", "")
    if kind not in ("praise", "unkind"):
        raise Http404(_("칭찬이나 불친절 신고 유형의 민원이 아닙니다."))
    if not services.may_forward(request.user, complaint):
        raise Http404(_("민원을 찾을 수 없습니다."))
    form_class = ForwardPraiseForm if kind == "praise" else ForwardUnkindForm
    initial: dict[str, object] = {"body": complaint.body}
    suggested = queries.suggest_employee(complaint, staff_people())
    if suggested is not None:
        initial["employee"] = suggested.pk
    elif (department := queries.suggest_department(complaint)) is not None:
        initial["department"] = department.pk
    if suggested is None and kind == "unkind":
        initial["named_text"] = str((complaint.extra_answers or {}).get("employee", ""))[:100]
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "praise":
                services.forward_praise(
                    request.user,
                    complaint,
                    employee=data["employee"],
                    department=data["department"],
                    body=data["body"],
                )
            else:
                services.forward_unkind(
                    request.user,
                    complaint,
                    employee=data["employee"],
                    department=data["department"],
                    named_text=data["named_text"],
                    body=data["body"],
                )
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(
                request,
                _("칭찬을 직원과 부서장에게 전했습니다.")
                if kind == "praise"
                else _("불친절 신고를 친절·보호 담당에게 넘겼습니다. 신고된 직원에게는 알리지 않습니다."),
            )
            if request.user.has_role(Role.CARE, Role.DESK):
                return redirect("care:to_forward")
            return redirect("staff:complaint", pk=complaint.pk)
    return render(
        request,
        "care/forward.html",
        {"c": complaint, "kind": kind, "form": form, "suggested": suggested},
    )


# --- dashboard ---------------------------------------------------------------------------------


@require_GET
@staff_page()
def home(request):
    if access.is_care(request.user):
        return redirect("care:dashboard")
    return redirect("care:me")


@require_GET
@staff_page(*CARE)
def dashboard(request):
    form, start, end = period_from(request)
    by_dept = queries.satisfaction_by_department(start, end)
    praise_by_dept = queries.praise_counts_by_department(start, end)
    names = dict(Department.objects.filter(pk__in=[*by_dept, *praise_by_dept]).values_list("pk", "name"))
    rows = [
        {"name": names.get(pk, "-"), "praise": praise_by_dept.get(pk, 0), **by_dept.get(pk, {"n": 0})}
        for pk in sorted(set(by_dept) | set(praise_by_dept), key=lambda pk: names.get(pk, ""))
    ]
    responses = SatisfactionResponse.objects.filter(created_at__gte=start, created_at__lt=end)
    total = responses.count()
    incidents = access.visible_incidents(request.user).filter(status=IncidentStatus.OPEN)
    context = {
        "form": form,
        "rows": rows,
        "responses": total,
        "resolved_rate": round(100 * responses.filter(resolved=True).count() / total) if total else None,
        "reopened": responses.filter(reopened=True).count(),
        "praise_total": Praise.objects.filter(created_at__gte=start, created_at__lt=end).count(),
        "open_reports": access.visible_reports(request.user).filter(status=ReportStatus.RECEIVED)[:10],
        "open_incidents": access.log_listing(
            request.user,
            incidents.exclude(employee=request.user)[:10],
            what="dashboard",
            ip=client_ip(request),
        ),
        "open_incident_count": incidents.exclude(employee=request.user).count(),
        "pending_samples": QualitySample.objects.filter(status=SampleStatus.PENDING).count(),
        "to_forward": len(queries.complaints_to_forward()),
        "recent_comments": responses.exclude(comment="")
        .select_related("department")
        .order_by("-created_at")[:8],
    }
    return render(request, "care/dashboard.html", context)


# --- phone kindness survey ---------------------------------------------------------------------


@require_GET
@staff_page(*CARE)
def phone_list(request):
    """Sample list generator: ?seed= makes a list reproducible (e.g. the date of the calling day)."""
    form, start, end = period_from(request)
    seed = (request.GET.get("seed") or timezone.localdate().isoformat())[:40]
    rows = queries.phone_survey_candidates(start, end, size=settings.MINWON_CARE_PHONE_SAMPLE_SIZE, seed=seed)
    return render(request, "care/phone_list.html", {"form": form, "rows": rows, "seed": seed})


@require_http_methods(["GET", "POST"])
@staff_page(*CARE)
def phone_survey(request, pk: int):
    complaint = get_complaint_for(request.user, pk)
    form = PhoneSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_phone_survey(
                request.user,
                complaint,
                resolved=data["resolved"],
                kindness=data["kindness"],
                speed=data["speed"],
                comment=data["comment"],
            )
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(request, _("전화 조사 결과를 기록했습니다."))
            return redirect("care:phone_list")
    done = complaint.satisfaction_responses.filter(channel=SurveyChannel.PHONE).first()
    # The officer needs the number to call: showing it is a logged read (개인정보 보호법 제29조).
    contact = reveal_contact(request.user, complaint, reason=_("전화 친절도 조사"), ip=client_ip(request))
    return render(
        request, "care/phone_survey.html", {"c": complaint, "form": form, "done": done, "contact": contact}
    )


# --- employee pages ----------------------------------------------------------------------------


@require_GET
@staff_page()
def me(request):
    return redirect("care:person", user_pk=request.user.pk)


@require_GET
@staff_page()
def person(request, user_pk: int):
    """Any colleague sees an employee's praise; their own quality feedback only they and care see."""
    employee = User.objects.filter(pk=user_pk, is_active=True).first()
    if employee is None or not employee.is_staff_member:
        raise Http404(_("직원을 찾을 수 없습니다."))
    own = employee.pk == request.user.pk
    sees_feedback = own or request.user.has_role(Role.CARE, Role.AUDITOR)
    context = {
        "employee": employee,
        "own": own,
        "departments": employee.memberships.filter(ended_at__isnull=True).select_related("department"),
        "praises": employee.praises.order_by("-created_at")[:30],
        "praise_count": employee.praises.count(),
        "feedback": (
            QualitySample.objects.filter(handler=employee, status=SampleStatus.REVIEWED)
            .select_related("complaint")
            .order_by("-reviewed_at")[:20]
            if sees_feedback
            else []
        ),
        "alerts": (
            StaffAlert.objects.filter(recipient=employee, kind__startswith="care_").order_by("-created_at")[
                :20
            ]
            if own
            else []
        ),
        "incidents": (
            access.log_listing(
                request.user,
                Incident.objects.filter(employee=employee).order_by("-created_at")[:10],
                what="own page",
                ip=client_ip(request),
            )
            if own
            else []
        ),
    }
    return render(request, "care/person.html", context)
