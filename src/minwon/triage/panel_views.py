"""The desk's triage panel on the staff 민원 page (htmx, loaded after the page).

One panel, three sections, each also served alone so that its form can swap just itself:
similar open 민원 with a merge button, the applicant's 반복민원 evidence (법 제23조) with the
closing form, and 다수인관련민원 grouping. What a section offers follows `access.may_act` and
`services.ALLOWED_FROM`, the same rules the services enforce again on POST.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from minwon.complaints import hooks
from minwon.complaints import services as complaint_services
from minwon.complaints.access import can_read_full, get_complaint_for, may_act
from minwon.complaints.errors import ComplaintError
from minwon.complaints.models import Complaint
from minwon.staff.views import is_htmx

from . import services
from .models import GroupCase
from .similar import applicant_identity, group_candidates, similar_to_complaint


def staff_only(request: HttpRequest) -> None:
    if not request.user.is_staff_member:  # type: ignore[union-attr]
        raise PermissionDenied("직원만 쓸 수 있는 화면입니다.")


def done(request: HttpRequest, c: Complaint) -> HttpResponse:
    """After a write: reload the staff page (status, timeline and the message change with it)."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect(reverse("staff:complaint", args=[c.pk]))


# --- what each section shows ------------------------------------------------------------------


def similar_context(user, c: Complaint) -> dict:
    found = [f for f in similar_to_complaint(c, limit=10) if can_read_full(user, f.complaint)]
    return {"complaint": c, "found": found, "may_merge": c.is_open and may_act(user, c, "merge")}


def repeated_context(user, c: Complaint) -> dict:
    assessment = hooks.assess_repeated(c)
    return {
        "complaint": c,
        "assessment": assessment,
        "may_close": assessment.may_close
        and c.status in complaint_services.ALLOWED_FROM["close_repeated"]
        and may_act(user, c, "close_repeated"),
    }


def group_context(user, c: Complaint) -> dict:
    """The 다수인 case this 민원 belongs to, or open 민원 of the same content it could be grouped with."""
    case = None
    members: list = []
    if c.group_key:
        case = GroupCase.objects.filter(key=c.group_key).select_related("lead").first()
        if case is not None:
            members = list(case.members.select_related("complaint").order_by("complaint__received_at"))
        return {"complaint": c, "case": case, "members": members, "candidates": [], "may_group": False}
    candidates = (
        [f.complaint for f in group_candidates(c, limit=50) if can_read_full(user, f.complaint)]
        if c.is_open
        else []
    )
    rows = [c, *candidates]
    applicants = len({applicant_identity(x) for x in rows})
    return {
        "complaint": c,
        "case": None,
        "members": [],
        "candidates": rows if candidates else [],
        "applicants": applicants,
        "min_applicants": services.MIN_GROUP_APPLICANTS,
        "may_group": c.is_open and may_act(user, c, "merge") and applicants >= services.MIN_GROUP_APPLICANTS,
    }


# --- views ------------------------------------------------------------------------------------


@login_required
@require_GET
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole panel, for staff who may read this 민원 (auditors see it without the buttons)."""
    staff_only(request)
    c = get_complaint_for(request.user, pk)
    # The staff page loads the partial with htmx; without JavaScript its link opens the full page.
    return render(
        request,
        "triage/_panel.html" if is_htmx(request) else "triage/panel.html",
        {
            "complaint": c,
            "similar": similar_context(request.user, c),
            "repeated": repeated_context(request.user, c),
            "group": group_context(request.user, c),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group(request: HttpRequest, pk: int) -> HttpResponse:
    """다수인관련민원: the desk ticks 민원 of the same content (5+ applicants) and representatives."""
    staff_only(request)
    c = get_complaint_for(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        ids = {int(x) for x in request.POST.getlist("member") if x.isdigit()} | {c.pk}
        rep_ids = {int(x) for x in request.POST.getlist("representative") if x.isdigit()}
        # Fetch-and-authorise each one: a 민원 the user may not read cannot be grouped by id.
        chosen = [c, *(get_complaint_for(request.user, i) for i in sorted(ids - {c.pk}))]
        try:
            case = services.form_group_case(
                request.user,
                chosen,
                representatives=[x for x in chosen if x.pk in rep_ids],
                title=request.POST.get("title", "").strip()[:200],
            )
        except ComplaintError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{len(chosen)}건을 다수인관련민원 {case.key}(으)로 묶었습니다.")
            return done(request, c)
        if not is_htmx(request):
            return redirect(reverse("staff:complaint", args=[c.pk]))
        c = get_complaint_for(request.user, pk)
    return render(request, "triage/_group.html", group_context(request.user, c))
