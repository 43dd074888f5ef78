"""Triage pages: staff search, the desk's similar/merge and 반복민원 partials, and 공감 (join)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from minwon.accounts.models import Role
from minwon.complaints.access import READ_ALL_ROLES, can_read_full, get_complaint_for
from minwon.complaints.choices import Visibility
from minwon.complaints.errors import ComplaintError
from minwon.complaints.models import Complaint

from . import services
from .panel_views import done, is_htmx, repeated_context, similar_context, staff_only
from .search import search_page
from .snippets import safe_snippet

PAGE = 50


def readable(user):
    """민원 this user may at least see in a search list: all, own department's, public, own."""
    qs = Complaint.objects.all()
    if user.has_role(*READ_ALL_ROLES):
        return qs
    cond = Q(visibility=Visibility.PUBLIC) | Q(applicant_id=user.pk)
    if user.has_role(Role.OFFICER, Role.HEAD) and user.department_ids:
        cond |= Q(department_id__in=user.department_ids)
    return qs.filter(cond)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    staff_only(request)
    q = request.GET.get("q", "").strip()[:100]
    # "전체 기간": rank every match instead of the newest (slower for common words).
    everything = request.GET.get("all") == "1"
    rows: list[dict] = []
    window = None
    if q:
        page = search_page(
            readable(request.user).select_related("category", "department"),
            q,
            limit=PAGE,
            everything=everything,
        )
        window = page.window
        for c in page.rows:
            full = can_read_full(request.user, c)
            rows.append(
                {
                    "complaint": c,
                    "full": full,
                    # Personal data never reaches a list: a masked, short excerpt for those who may
                    # read the 민원 in full, the title alone for public 민원 of other departments.
                    "snippet": safe_snippet(c.body) if full else "",
                }
            )
    return render(
        request, "triage/search.html", {"q": q, "rows": rows, "everything": everything, "window": window}
    )


@login_required
def similar(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx partial for the desk: similar open 민원 around this one, with a merge button each."""
    staff_only(request)
    c = get_complaint_for(request.user, pk)
    return render(request, "triage/_similar.html", similar_context(request.user, c))


@login_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    staff_only(request)
    c = get_complaint_for(request.user, pk, write=True)
    try:
        target = get_complaint_for(request.user, int(request.POST.get("into", "0")))
        score = float(request.POST["score"]) if request.POST.get("score") else None
        services.merge_into(request.user, c, into=target, score=score)
    except (ComplaintError, ValueError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{c.tracking_no}을(를) {target.tracking_no}에 병합했습니다.")
        if is_htmx(request):
            return done(request, c)
    if is_htmx(request):
        return similar(request, pk)
    return redirect(_next(request) or reverse("staff:complaint", args=[pk]))


@login_required
@require_http_methods(["GET", "POST"])
def repeated(request: HttpRequest, pk: int) -> HttpResponse:
    """반복민원 evidence (법 제23조) and, when the law allows, the desk's closing button."""
    staff_only(request)
    c = get_complaint_for(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("evidence") if x.isdigit()]
        try:
            services.close_as_repeated(request.user, c, ids, note=request.POST.get("note", "")[:500])
        except ComplaintError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{c.tracking_no}을(를) 반복민원으로 종결했습니다.")
            return done(request, c)
        if not is_htmx(request):
            return redirect(reverse("staff:complaint", args=[pk]))
        c = get_complaint_for(request.user, pk)
    return render(request, "triage/_repeated.html", repeated_context(request.user, c))


@login_required
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    """공감/me too from the filing page: the citizen joins an open public 민원 instead of filing.

    Signed-in citizens only for now (every URL needs a log-in unless portal/public_urls.py lists
    it). The code below already handles an anonymous visitor — the phone or e-mail and consent
    from the filing form — for when the lead lists "triage:support" as public and drops
    `login_required`.
    """
    user = request.user if request.user.is_authenticated else None
    c = get_complaint_for(user, pk, public_ok=True)
    if user is None and not request.POST.get("consent"):
        messages.error(request, "처리결과를 함께 받으려면 개인정보 수집·이용에 동의해 주십시오.")
        return render(request, "triage/supported.html", {"complaint": c, "ok": False}, status=400)
    try:
        services.support_complaint(
            user, c, phone=request.POST.get("phone", "")[:20], email=request.POST.get("email", "")[:254]
        )
    except ComplaintError as exc:
        messages.error(request, str(exc))
        return render(request, "triage/supported.html", {"complaint": c, "ok": False}, status=400)
    return render(
        request,
        "triage/supported.html",
        {"complaint": c, "ok": True, "count": services.support_count(c)},
    )


def _next(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return nxt if ok else ""
