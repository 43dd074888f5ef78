"""The 120 call console, its reports, and the 구술민원 pages (thin views, STYLE §4).

Without JavaScript every panel is a plain GET form that reloads the console; with htmx the caller
look-up and the knowledge-base search swap only their panel (`_caller.html`, `_kb.html`).
"""

from __future__ import annotations

import base64
import binascii
import csv
from datetime import datetime

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minwon.accounts.models import Role
from minwon.complaints import hooks
from minwon.complaints.errors import ComplaintError, IntakeError
from minwon.kb import access as kb_access
from minwon.kb import services as kb_services
from minwon.kb.search import search_articles
from minwon.lib.masking import mask_name, mask_phone
from minwon.staff.views import is_htmx, staff_page

from . import oral as oral_services
from . import queries, services
from . import reports as call_reports
from .forms import CallForm, CancelForm, CodeForm, OralForm, ReportForm
from .models import OralComplaint, OralStatus
from .phones import normalise

CONSOLE_ROLES = (Role.AGENT, Role.ADMIN)
REPORT_ROLES = (Role.AGENT, Role.ADMIN, Role.AUDITOR)


def _caller_context(raw: str) -> dict:
    phone = normalise(raw)
    return {
        "phone_query": raw,
        "phone": phone,
        "phone_masked": mask_phone(phone),
        "phone_invalid": bool(raw.strip()) and not phone,
        "earlier": [{"c": c, "name": mask_name(c.applicant_name)} for c in queries.earlier_complaints(phone)],
        "calls": queries.earlier_calls(phone),
        "cautions": hooks.caller_cautions(phone) if phone else [],
    }


def _console(request, form=None, *, status: int = 200):
    raw = request.GET.get("phone", "")
    q = request.GET.get("q", "").strip()
    if form is None:
        form = CallForm(initial={"started_at": timezone.now(), "phone": normalise(raw) or raw})
    started = form["started_at"].value()
    ctx = {
        "form": form,
        "started_ms": _epoch_ms(started),
        "q": q,
        "hits": search_articles(q) if q else [],
        "console": True,
        "recent": queries.recent_calls_of(request.user),
        "warn_seconds": 120,
        **_caller_context(raw),
    }
    return render(request, "callcentre/console.html", ctx, status=status)


def _epoch_ms(value) -> int:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            value = None
    if value is None:
        value = timezone.now()
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return int(value.timestamp() * 1000)


@require_GET
@staff_page(*CONSOLE_ROLES)
def console(request):
    return _console(request)


@require_GET
@staff_page(*CONSOLE_ROLES)
def lookup(request):
    if not is_htmx(request):
        return _console(request)
    return render(request, "callcentre/_caller.html", _caller_context(request.GET.get("phone", "")))


@require_GET
@staff_page(*CONSOLE_ROLES)
def kb_search(request):
    q = request.GET.get("q", "").strip()
    if not is_htmx(request):
        return _console(request)
    return render(
        request, "kb/_hits.html", {"q": q, "hits": search_articles(q) if q else [], "console": True}
    )


@require_GET
@staff_page(*CONSOLE_ROLES)
def kb_article(request, pk: int):
    a = kb_access.get_article_for(request.user, pk)
    kb_services.record_view(request.user, a, source="console")
    if not is_htmx(request):
        return redirect("kb:article", a.pk)
    return render(request, "callcentre/_kb_article.html", {"a": a})


@require_POST
@staff_page(*CONSOLE_ROLES)
def record(request):
    form = CallForm(request.POST)
    abuse = request.POST.get("action") == "abuse"
    if not form.is_valid():
        return _console(request, form, status=400)
    d = form.cleaned_data
    try:
        if abuse:
            services.end_call_for_abuse(
                request.user,
                topic=d["topic"],
                started_at=d["started_at"],
                reason=d["abuse_reason"],
                note=d["abuse_note"],
                phone=d["phone"],
                name=d["name"],
                summary=d["summary"],
            )
            messages.success(
                request, _("통화를 종료로 기록했습니다. 친절·보호 담당에게 알렸습니다. 잠시 쉬십시오.")
            )
            return redirect("callcentre:console")
        call = services.record_call(
            request.user,
            topic=d["topic"],
            started_at=d["started_at"],
            answered_at_once=d["answered_at_once"],
            summary=d["summary"],
            phone=d["phone"],
            name=d["name"],
            category=d["category"],
            title=d["title"],
            consent=d["consent"],
        )
    except IntakeError as exc:
        for field, msg in exc.errors.items():
            form.add_error(field if field in form.fields else None, msg)
        return _console(request, form, status=400)
    if call.complaint:
        messages.success(
            request,
            _("통화를 기록하고 민원 %(no)s(으)로 접수했습니다. 민원팀이 처리 부서로 보냅니다.")
            % {"no": call.complaint.tracking_no},
        )
    else:
        messages.success(request, _("통화를 기록했습니다 (바로 답변)."))
    return redirect("callcentre:console")


# --- reports ----------------------------------------------------------------------------------------


def _report(start, end) -> dict:
    return {
        "start": start,
        "end": end,
        "agents": call_reports.by_agent(start, end),
        "topics": call_reports.by_topic(start, end),
        "total": call_reports.total(start, end),
    }


@require_GET
@staff_page(*REPORT_ROLES)
def reports(request):
    """FCR and AHT for a date range (default: the last 30 days)."""
    form = ReportForm(request.GET)
    data = _report(*form.period()) if form.is_valid() else None
    return render(
        request,
        "callcentre/reports.html",
        {"form": form, "data": data, "query": request.GET.urlencode()},
        status=200 if data else 400,
    )


@require_GET
@staff_page(*REPORT_ROLES)
def reports_csv(request):
    form = ReportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(" ".join(str(m) for ms in form.errors.values() for m in ms), status=400)
    start, end = form.period()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="120-calls-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Korean correctly only with the BOM
    w = csv.writer(response)
    w.writerow(
        [
            "구분",
            "이름",
            "통화 수",
            "바로 답변",
            "민원 전환",
            "폭언 등 종료",
            "첫 통화 해결률(%)",
            "평균 처리 시간(초)",
        ]
    )
    groups = (("상담사", call_reports.by_agent(start, end)), ("상담 주제", call_reports.by_topic(start, end)))
    for kind, rows in groups:
        for r in rows:
            w.writerow(_csv_row(kind, r))
    w.writerow(_csv_row("합계", call_reports.total(start, end)))
    return response


def _csv_row(kind: str, r) -> list:
    fcr = "" if r.fcr is None else f"{r.fcr * 100:.1f}"
    return [kind, r.label, r.calls, r.resolved, r.complaints, r.abusive, fcr, f"{r.aht_seconds:.0f}"]


# --- 구술민원 ------------------------------------------------------------------------------------------

ORAL_ROLES = oral_services.ORAL_ROLES


def _get_oral(user, pk: int) -> OralComplaint:
    oral_services.check_writer(user)
    try:
        return OralComplaint.objects.select_related("oral_type", "category", "written_by", "complaint").get(
            pk=pk
        )
    except OralComplaint.DoesNotExist:
        raise Http404(_("구술민원을 찾을 수 없습니다.")) from None


@require_GET
@staff_page(*ORAL_ROLES)
def oral_list(request):
    rows = OralComplaint.objects.select_related("oral_type", "written_by", "complaint")
    return render(
        request,
        "callcentre/oral_list.html",
        {
            "pending": rows.filter(status=OralStatus.PENDING)[:50],
            "done": rows.exclude(status=OralStatus.PENDING)[:30],
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page(*ORAL_ROLES)
def oral_new(request):
    form = OralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            o = oral_services.write_oral(
                request.user,
                oral_type=d["oral_type"],
                category=d["category"],
                title=d["title"],
                body=d["body"],
                name=d["name"],
                phone=d["phone"],
                consent=d["consent"],
                address=d["address"],
                channel=d["channel"],
            )
        except IntakeError as exc:
            for field, msg in exc.errors.items():
                form.add_error(field if field in form.fields else None, msg)
        else:
            messages.success(request, _("구술민원을 작성했습니다. 민원인에게 내용을 확인받아 주십시오."))
            return redirect("callcentre:oral_detail", o.pk)
    return render(request, "callcentre/oral_new.html", {"form": form}, status=400 if form.errors else 200)


def _oral_page(request, o: OralComplaint, *, code_form=None, cancel_form=None, status: int = 200):
    return render(
        request,
        "callcentre/oral_detail.html",
        {
            "o": o,
            "events": o.events.select_related("actor"),
            "code_form": code_form or CodeForm(),
            "cancel_form": cancel_form or CancelForm(),
            "phone_masked": mask_phone(o.applicant_phone),
            "pending": o.status == OralStatus.PENDING,
        },
        status=status,
    )


@require_GET
@staff_page(*ORAL_ROLES)
def oral_detail(request, pk: int):
    return _oral_page(request, _get_oral(request.user, pk))


@require_POST
@staff_page(*ORAL_ROLES)
def oral_send_code(request, pk: int):
    o = _get_oral(request.user, pk)
    try:
        oral_services.send_code(request.user, o)
    except ComplaintError as exc:
        form = CodeForm()
        form.add_error(None, exc.message)
        return _oral_page(request, o, code_form=form, status=400)
    messages.success(
        request,
        _("%(phone)s(으)로 인증번호를 보냈습니다. 민원인이 불러 주는 번호를 입력하십시오.")
        % {"phone": mask_phone(o.applicant_phone)},
    )
    return redirect("callcentre:oral_detail", o.pk)


@require_POST
@staff_page(*ORAL_ROLES)
def oral_confirm_code(request, pk: int):
    o = _get_oral(request.user, pk)
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            o = oral_services.confirm_with_code(request.user, o, form.cleaned_data["code"])
        except IntakeError as exc:
            form.add_error(None, exc.message)
        except ComplaintError as exc:
            form.add_error("code", exc.message)
        else:
            return _confirmed(request, o)
    o.refresh_from_db()
    return _oral_page(request, o, code_form=form, status=400)


def _confirmed(request, o: OralComplaint):
    no = o.complaint.tracking_no if o.complaint else ""
    messages.success(request, _("민원인이 확인했습니다. 민원 %(no)s(으)로 접수했습니다.") % {"no": no})
    return redirect("callcentre:oral_detail", o.pk)


@require_POST
@staff_page(*ORAL_ROLES)
def oral_cancel(request, pk: int):
    o = _get_oral(request.user, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            oral_services.cancel_oral(request.user, o, reason=form.cleaned_data["reason"])
        except ComplaintError as exc:
            form.add_error("reason", exc.message)
        else:
            messages.success(request, _("구술민원을 취소했습니다."))
            return redirect("callcentre:oral_list")
    return _oral_page(request, o, cancel_form=form, status=400)


@require_GET
@staff_page(*ORAL_ROLES)
def oral_signature(request, pk: int):
    """The drawn signature, only to staff who handle 구술민원 (media is never served directly)."""
    o = _get_oral(request.user, pk)
    if not o.signature:
        raise Http404(_("서명이 없습니다."))
    return FileResponse(o.signature.open("rb"), content_type="image/png")


def _signature(data_url: str) -> bytes | None:
    prefix = "data:image/png;base64,"
    if not data_url or not data_url.startswith(prefix):
        return None
    try:
        return base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        return b"invalid"


@require_http_methods(["GET", "POST"])
@staff_page(*ORAL_ROLES)
def oral_tablet(request, pk: int):
    """The counter tablet: the citizen reads the text, may sign, and presses "내용이 맞습니다"."""
    o = _get_oral(request.user, pk)
    error = ""
    if request.method == "POST" and o.status == OralStatus.PENDING:
        try:
            o = oral_services.confirm_on_tablet(
                request.user, o, signature_png=_signature(request.POST.get("signature", ""))
            )
        except ComplaintError as exc:
            error = exc.message
        else:
            return render(request, "callcentre/oral_tablet_done.html", {"o": o})
    return render(
        request,
        "callcentre/oral_tablet.html",
        {"o": o, "error": error, "back": reverse("callcentre:oral_detail", args=[o.pk])},
        status=400 if error else 200,
    )
