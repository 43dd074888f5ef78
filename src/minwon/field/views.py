"""Field-observation pages: the phone report page (a PWA), the reporter's list, participation.

Plain function views (STYLE §4). The report page works as a plain form without JavaScript; with
`field.js` it keeps reports on the phone (IndexedDB) and posts them to `submit`, which answers
JSON. Both paths end in one `services.file_report` call.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minwon.accounts.models import Role
from minwon.complaints.errors import IntakeError
from minwon.complaints.intake import Upload
from minwon.org.models import Department
from minwon.staff.views import forbidden, staff_page

from . import icons, queries, services
from .forms import PeriodForm, ReportForm, current_half

PARTICIPATION_ALL_ROLES = (Role.ADMIN, Role.AUDITOR)
# Intake/service error keys → the form field they belong next to.
ERROR_FIELDS = {
    "field_category": "category",
    "category": "category",
    "text": "text",
    "title": "text",
    "body": "text",
    "uploads": "photos",
}
STATIC_DIR = Path(__file__).parent / "static" / "field"


# --- reporting ------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@staff_page()
def report(request):
    """The phone page. POST is the no-JavaScript path: the browser sends the form itself."""
    photo_error = ""
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            result, errors = _file(request, form)
            if result is not None:
                c = result.report.complaint
                messages.success(request, _sent_message(c))
                return redirect("field:mine")
            photo_error = _apply_errors(form, errors)
    else:
        form = ReportForm()
    return render(request, "field/report.html", _report_context(request, form, photo_error))


@require_POST
def submit(request):
    """JSON endpoint for field.js (the page and the service worker). Idempotent on client_id."""
    user = request.user
    if not user.is_authenticated:
        # Like every non-public URL (core/tests/test_site_meta.py); field.js fetches with
        # redirect: "manual" and keeps the report on the phone until the person logs in again.
        return redirect_to_login(request.get_full_path())
    if not services.may_file(user):
        return JsonResponse(
            {"error": "forbidden", "message": _("현장 보고는 직원만 할 수 있습니다.")}, status=403
        )
    form = ReportForm(request.POST)
    if not form.is_valid():
        return JsonResponse(
            {"errors": {k: " ".join(str(m) for m in v) for k, v in form.errors.items()}}, status=400
        )
    result, errors = _file(request, form)
    if result is None:
        return JsonResponse(
            {"errors": {ERROR_FIELDS.get(k, "__all__"): v for k, v in errors.items()}}, status=400
        )
    c = result.report.complaint
    body = {
        "status": "created" if result.created else "duplicate",
        "client_id": str(result.report.client_id),
        "tracking_no": c.tracking_no,
        "department": c.department.name if c.department else "",
        "message": _sent_message(c),
        "url": reverse("portal:detail", args=[c.pk]),
    }
    return JsonResponse(body, status=201 if result.created else 200)


def _file(request, form: ReportForm):
    data = form.cleaned_data
    files = request.FILES.getlist("photos")
    if len(files) > settings.MINWON_MAX_ATTACHMENTS:
        return None, {
            "uploads": _("사진은 %(n)d장까지 보낼 수 있습니다.") % {"n": settings.MINWON_MAX_ATTACHMENTS}
        }
    try:
        result = services.file_report(
            request.user,
            client_id=data["client_id"],
            field_category=data["category"],
            text=data["text"],
            photos=[Upload(f.name, f.read(), f.content_type or "") for f in files],
            lat=data.get("lat"),
            lng=data.get("lng"),
            accuracy_m=data.get("accuracy"),
            observed_at=data.get("observed_at"),
        )
    except IntakeError as err:
        return None, err.errors
    return result, {}


def _apply_errors(form: ReportForm, errors: dict[str, str]) -> str:
    photo_error = ""
    for key, message in errors.items():
        target = ERROR_FIELDS.get(key)
        if target == "photos":
            photo_error = message
        elif target:
            form.add_error(target, message)
        else:
            form.add_error(None, message)
    return photo_error


def _sent_message(c) -> str:
    where = c.department.name if c.department else _("민원팀")
    return _("보냈습니다. 접수번호 %(no)s, %(dept)s(으)로 갑니다.") % {"no": c.tracking_no, "dept": where}


def _report_context(request, form: ReportForm, photo_error: str) -> dict:
    return {
        "form": form,
        "photo_error": photo_error,
        "max_photos": settings.MINWON_MAX_ATTACHMENTS,
        "recent": queries.reports_of(request.user)[:3],
    }


@never_cache
@require_GET
@staff_page()
def mine(request):
    """내 현장 보고: what became of each report (status, department, answer)."""
    return render(request, "field/mine.html", {"reports": queries.reports_of(request.user)[:100]})


# --- participation --------------------------------------------------------------------------------


def _participation_scope(request):
    """(departments offered, may see all?) or a 403 response."""
    user = request.user
    if user.has_role(*PARTICIPATION_ALL_ROLES):
        return list(Department.objects.active().order_by("code")), True
    if user.has_role(Role.HEAD) and user.headed_department_ids:
        return list(Department.objects.filter(pk__in=user.headed_department_ids).order_by("code")), False
    return None, False


def participation_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        departments, allow_all = _participation_scope(request)
        if departments is None:
            return forbidden(request, _("현장 보고 참여 현황은 부서장과 관리자가 볼 수 있습니다."))
        year, half = current_half()
        params = request.GET.dict() if "year" in request.GET else {"year": year, "half": half}
        if not allow_all:
            params.setdefault("department", departments[0].pk)
        form = PeriodForm(params, departments=departments, allow_all=allow_all)
        if not form.is_valid():
            form = PeriodForm(
                {"year": year, "half": half, "department": "" if allow_all else departments[0].pk},
                departments=departments,
                allow_all=allow_all,
            )
            form.is_valid()
        dept_id = form.cleaned_data.get("department")
        department = next((d for d in departments if d.pk == dept_id), None)
        start, end = queries.half_year(form.cleaned_data["year"], form.cleaned_data["half"])
        rows = queries.participation(start, end, department=department)
        ctx = {
            "form": form,
            "rows": rows,
            "department": department,
            "start": start,
            "end": end,
            "year": form.cleaned_data["year"],
            "half": form.cleaned_data["half"],
        }
        return view(request, ctx)

    return staff_page()(wrapper)


@require_GET
@participation_page
def participation(request, ctx):
    ctx["totals"] = queries.department_totals(ctx["rows"])
    ctx["csv_query"] = request.GET.urlencode()
    return render(request, "field/participation.html", ctx)


CSV_HEADER = [
    "기간",
    "부서",
    "직원",
    "보고",
    "답변",
    "종결",
    "처리 중",
    "반려",
    "기타(이송·취하·병합)",
    "기한 내 답변",
    "기한 넘김",
    "기한 내 비율(%)",
]


@require_GET
@participation_page
def participation_csv(request, ctx):
    """UTF-8 with BOM so Excel opens the Korean columns correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    period = f"{ctx['year']}년 {'상' if ctx['half'] == 1 else '하'}반기"
    for r in ctx["rows"]:
        rate = "" if r.on_time_rate is None else f"{r.on_time_rate * 100:.1f}"
        writer.writerow(
            [
                period,
                r.department,
                r.reporter,
                r.filed,
                r.answered,
                r.closed,
                r.open,
                r.rejected,
                r.other,
                r.on_time,
                r.late,
                rate,
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"field-participation-{ctx['year']}-H{ctx['half']}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- PWA: manifest, service worker, icons ---------------------------------------------------------


@require_GET
def manifest(request):
    city = settings.MINWON_CITY_NAME
    body = {
        "name": f"{city} 현장 보고",
        "short_name": "현장 보고",
        "description": "행정종합관찰: 현장에서 본 불편을 사진 한 장으로 보고합니다.",
        "lang": "ko",
        "start_url": reverse("field:report"),
        "scope": reverse("field:report"),
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": icons.BRAND,
        "icons": [
            {
                "src": reverse("field:icon", args=[size]),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in icons.SIZES
        ],
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@lru_cache(maxsize=1)
def _asset_version() -> str:
    """Changes whenever the page's JS or CSS changes, so phones drop their stale copies."""
    digest = hashlib.sha256()
    for name in ("field.js", "field.css"):
        digest.update((STATIC_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


@require_GET
def service_worker(request):
    """Served from /field/sw.js so its scope is /field/ without any extra header."""
    precache = [
        reverse("field:report"),
        static("css/site.css"),
        static("field/field.css"),
        static("field/field.js"),
        reverse("field:manifest"),
        *[reverse("field:icon", args=[s]) for s in icons.SIZES],
    ]
    js = render_to_string(
        "field/sw.js",
        {
            "version": _asset_version(),
            "precache": json.dumps(precache),
            "scope": reverse("field:report"),
            "offline_pages": json.dumps([reverse("field:report"), reverse("field:mine")]),
            "outbox_js": static("field/field.js"),
        },
    )
    response = HttpResponse(js, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def icon(request, size: int):
    if size not in icons.SIZES:
        return HttpResponse(status=404)
    response = HttpResponse(icons.png(size), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
