"""Citizen pages: file a 민원, receipt, my 민원, detail with withdraw/reopen, tracking without an account.

Plain function views (STYLE §4). Reads go through `portal.access` (which builds on
`complaints.access.get_complaint_for`); every write is a `complaints.services` call.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from minwon.complaints import hooks
from minwon.complaints.choices import OPEN_STATUSES, Channel, ClosureReason, EventVerb
from minwon.complaints.deadlines import korean_due
from minwon.complaints.errors import ComplaintError, IntakeError
from minwon.complaints.intake import Applicant, Upload
from minwon.complaints.models import Category, Complaint
from minwon.complaints.services import (
    REOPEN_REFUSED_REPEATED,
    may_reopen,
    receive_complaint,
    reopen_complaint,
    withdraw_complaint,
)

from . import access
from .forms import ComplaintForm, ReopenForm, TrackForm, WithdrawForm

MOBILE_UA = re.compile(r"Mobi|Android|iPhone|iPad|iPod", re.IGNORECASE)
# Intake error keys that have no form field of their own: shown next to a group, linked from the summary.
GROUP_ERRORS = {"contact": "contact-group", "location": "location-group", "kind": "main-form"}


def home(request):
    return render(request, "portal/home.html")


# --- filing ---------------------------------------------------------------------------------------


def _category_groups(query: str = ""):
    """Active leaf categories grouped under their parent (None = top level), filtered by `query`."""
    categories = list(Category.objects.filter(is_active=True).select_related("parent"))
    parents = {c.parent_id for c in categories if c.parent_id}
    query = query.strip().lower()
    groups: dict[Category | None, list[Category]] = {}
    for cat in categories:
        if cat.pk in parents:
            continue
        haystack = " ".join([cat.name, cat.name_en, cat.keywords, cat.parent.name if cat.parent else ""])
        if query and query not in haystack.lower():
            continue
        groups.setdefault(cat.parent, []).append(cat)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] is not None, kv[0].sort_order if kv[0] else 0))
    return ordered


def file_complaint(request):
    code = request.POST.get("category") or request.GET.get("category")
    category = Category.objects.filter(is_active=True, code=code).first() if code else None
    if category is None:
        query = request.GET.get("q", "")
        error = _("민원 유형을 선택해 주십시오.") if code or "category" in request.GET else ""
        return render(
            request,
            "portal/file_category.html",
            {"groups": _category_groups(query), "query": query, "error": error},
        )

    extra_errors: list[tuple[str, str]] = []
    group_errors: dict[str, str] = {}
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES, category=category)
        if form.is_valid():
            complaint = _submit(request, form, group_errors)
            if complaint is not None:
                access.grant(request, complaint)
                return redirect("portal:receipt", pk=complaint.pk)
        extra_errors = [(GROUP_ERRORS[key], msg) for key, msg in group_errors.items()]
        if request.FILES:
            messages.warning(request, _("보안을 위해 사진은 다시 선택해 주십시오."))
    else:
        initial = {}
        if request.user.is_authenticated:
            initial = {
                "name": request.user.display_name,
                "phone": request.user.phone,
                "email": request.user.email,
            }
        form = ComplaintForm(initial=initial, category=category)
    return render(
        request,
        "portal/file_form.html",
        {
            "form": form,
            "category": category,
            "extra_errors": extra_errors,
            "group_errors": group_errors,
            "tile_url": settings.MINWON_MAP_TILE_URL,
            "map_center": settings.MINWON_MAP_CENTER,
            "max_photos": settings.MINWON_MAX_ATTACHMENTS,
        },
    )


def _submit(request, form: ComplaintForm, group_errors: dict[str, str]) -> Complaint | None:
    """Hand the form to intake; on IntakeError put each Korean message next to its field."""
    data = form.cleaned_data
    user = request.user if request.user.is_authenticated else None
    uploads = [Upload(f.name, f.read(), f.content_type or "") for f in data["photos"]]
    try:
        return receive_complaint(
            user,
            channel=Channel.MOBILE
            if MOBILE_UA.search(request.headers.get("User-Agent", ""))
            else Channel.WEB,
            category=form.category_obj,
            title=data["title"],
            body=data["body"],
            applicant=Applicant(
                user=user,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                postal_address=data["postal_address"],
                notify_channels=data["notify_channels"],
                consent=data["consent"],
            ),
            address=data["address"],
            lat=data["lat"],
            lng=data["lng"],
            visibility=data["visibility"],
            uploads=uploads,
            use_photo_location=data["use_photo_location"],
            extra_answers=form.extra_answers(),
        )
    except IntakeError as err:
        for key, message in err.errors.items():
            if key == "uploads":
                form.add_error("photos", message)
            elif key in form.fields and key != "category":
                form.add_error(key, message)
            elif key in GROUP_ERRORS:
                group_errors[key] = message
            else:
                form.add_error(None, message)
        return None


@require_GET
def similar(request):
    """htmx partial: similar open 민원 near the place being described (empty until triage fills the hook)."""

    def number(name):
        try:
            return float(request.GET.get(name, ""))
        except ValueError:
            return None

    code = request.GET.get("category", "")
    items = hooks.similar_open_complaints(
        title=request.GET.get("title", "")[:200],
        category=Category.objects.filter(code=code).first() if code else None,
        lat=number("lat"),
        lng=number("lng"),
    )
    return render(request, "portal/_similar.html", {"items": items})


# --- after filing ---------------------------------------------------------------------------------


def receipt(request, pk: int):
    complaint = access.citizen_complaint(request, pk)
    return render(
        request, "portal/receipt.html", {"complaint": complaint, "due": korean_due(complaint.due_at)}
    )


@login_required
def my_complaints(request):
    rows = (
        Complaint.objects.of_applicant(request.user)
        .select_related("category")
        .order_by("-received_at", "-pk")
    )
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(request, "portal/my_list.html", {"page": page})


def _visible_attachments(complaint: Complaint):
    """The applicant sees what they sent and what staff marked public, never internal files."""
    mine = Q(uploaded_by__isnull=True)
    if complaint.applicant_id:
        mine |= Q(uploaded_by_id=complaint.applicant_id)
    return complaint.attachments.filter(mine | Q(is_public=True))


def _detail_context(request, complaint: Complaint, **extra):
    events = complaint.events.filter(is_public=True).order_by("at", "pk")
    labels = {q.get("key"): q.get("label") for q in complaint.category.extra_questions or []}
    return {
        "extra_answers": [(labels.get(k) or k, v) for k, v in (complaint.extra_answers or {}).items()],
        "complaint": complaint,
        "due": korean_due(complaint.due_at),
        "events": events,
        "attachments": _visible_attachments(complaint),
        "can_withdraw": complaint.status in OPEN_STATUSES,
        "can_reopen": may_reopen(complaint),
        "answered_verb": EventVerb.ANSWERED,
        **extra,
    }


def detail(request, pk: int):
    complaint = access.citizen_complaint(request, pk)
    context = _detail_context(request, complaint, reopen_form=ReopenForm())
    return render(request, "portal/detail.html", context)


def attachment(request, pk: int, attachment_pk: int):
    complaint = access.citizen_complaint(request, pk)
    att = get_object_or_404(_visible_attachments(complaint), pk=attachment_pk)
    response = FileResponse(att.file.open("rb"), content_type=att.content_type)
    if not att.is_image:
        response["Content-Disposition"] = "attachment"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    complaint = access.citizen_complaint(request, pk)
    if complaint.status not in OPEN_STATUSES:
        messages.error(request, _("이미 처리를 마친 민원은 취하할 수 없습니다."))
        return redirect("portal:detail", pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_complaint(
                access.acting_user(request, complaint), complaint, reason=form.cleaned_data["reason"]
            )
        except ComplaintError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("민원을 취하했습니다."))
        return redirect("portal:detail", pk=pk)
    return render(request, "portal/withdraw.html", {"complaint": complaint, "form": form})


@require_http_methods(["GET", "POST"])
def reopen(request, pk: int):
    complaint = access.citizen_complaint(request, pk)
    if not may_reopen(complaint):
        if complaint.closure_reason == ClosureReason.REPEATED:
            messages.error(request, REOPEN_REFUSED_REPEATED)
        else:
            messages.error(request, _("답변을 받은 뒤에만 다시 처리를 요청할 수 있습니다."))
        return redirect("portal:detail", pk=pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reopen_complaint(
                access.acting_user(request, complaint), complaint, reason=form.cleaned_data["reason"]
            )
        except ComplaintError as err:
            form.add_error("reason" if err.field in (None, "reason") else None, err.message)
        else:
            messages.success(
                request, _("다시 처리해 달라는 요청을 접수했습니다. 같은 부서에서 다시 살펴봅니다.")
            )
            return redirect("portal:detail", pk=pk)
    return render(request, "portal/reopen.html", {"complaint": complaint, "form": form})


# --- tracking without an account ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = access.client_ip(request)
        number, contact = form.cleaned_data["tracking_no"], form.cleaned_data["contact"]
        if access.tracking_blocked(ip, number):
            minutes = settings.MINWON_TRACK_WINDOW_MINUTES
            form.add_error(
                None,
                _("조회를 너무 여러 번 시도했습니다. %(m)d분 뒤에 다시 시도해 주십시오.") % {"m": minutes},
            )
            return render(request, "portal/track.html", {"form": form}, status=429)
        complaint = access.find_by_tracking(number, contact)
        if complaint is None:
            access.record_tracking_failure(ip, number)
            # One message whether the number is unknown or the contact is wrong: nothing is disclosed.
            form.add_error(
                None,
                _(
                    "접수번호와 연락처가 맞는 민원을 찾지 못했습니다. "
                    "신청할 때 적은 번호와 연락처를 다시 확인해 주십시오."
                ),
            )
        else:
            request.session.cycle_key()
            access.grant(request, complaint)
            return redirect("portal:detail", pk=complaint.pk)
    return render(request, "portal/track.html", {"form": form})
