"""Staff pages (desk PC): desk triage queue, department worklist, complaint page, head dashboard.

Plain function views (STYLE §4) with the access helpers at the top. Every 민원 is fetched through
`complaints.access.get_complaint_for`; every change is one `complaints.services` call, made in
`actions.py`. Forms work without JavaScript; with htmx, a few answers are partials (`_*.html`).
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from minwon.accounts.models import Role
from minwon.complaints import access, deadlines, hooks, services
from minwon.complaints.access import AccessDenied, get_complaint_for
from minwon.complaints.choices import Channel, ClosureReason, EventVerb, Kind, Status
from minwon.complaints.errors import ComplaintError
from minwon.complaints.models import Category, Complaint
from minwon.org.models import Department

from . import actions, queries
from .forms import BulkAssignForm, RevealContactForm, WorklistFilterForm

PAGE_SIZE = 50
DESK_ROLES = (Role.DESK, Role.ADMIN, Role.AUDITOR)
WORKLIST_ROLES = (Role.OFFICER, Role.HEAD, *access.READ_ALL_ROLES)
DASHBOARD_ROLES = (Role.HEAD, Role.DESK, Role.ADMIN, Role.AUDITOR)


# --- access helpers ---------------------------------------------------------------------------------


def forbidden(request, message: str = "") -> HttpResponse:
    """The Korean 403 page (the project-wide handler may not know staff wording)."""
    return render(
        request,
        "staff/403.html",
        {"message": message or _("이 화면을 볼 권한이 없습니다.")},
        status=403,
    )


def chosen_ids(params) -> list[int]:
    """The row ids ticked in a list form (bulk assign, print queue); anything not a number is dropped."""
    return [int(v) for v in params.getlist("ids") if v.isdigit()]


def staff_page(*roles: str):
    """Login, then a staff role (and one of `roles` if given); refusals are the Korean 403 page.

    `PermissionDenied` raised inside the view (e.g. `AccessDenied` from a service or from
    `get_complaint_for(write=True)` for the read-only auditor) also becomes that page.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_staff_member:
                return forbidden(request, _("직원만 이용할 수 있는 화면입니다."))
            if roles and not user.has_role(*roles):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return forbidden(request, str(exc) if str(exc) else "")

        return wrapper

    return decorator


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def time_left(deadline: datetime | None, now: datetime) -> tuple[str, bool]:
    """('35분 남음' | '1시간 20분 지남', overdue?) for the desk's routing clock."""
    if deadline is None:
        return "", False
    delta = deadline - now
    late = delta < timedelta(0)
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("%(n)d일") % {"n": days})
    if hours:
        parts.append(_("%(n)d시간") % {"n": hours})
    if mins or not parts:
        parts.append(_("%(n)d분") % {"n": mins})
    text = " ".join(parts)
    return (_("%(t)s 지남") % {"t": text} if late else _("%(t)s 남음") % {"t": text}), late


# --- home --------------------------------------------------------------------------------------------


@require_GET
@staff_page()
def home(request):
    """Send each role to where its day starts."""
    user = request.user
    if user.has_role(Role.DESK, Role.ADMIN):
        return redirect("staff:desk")
    if user.has_role(Role.HEAD):
        return redirect("staff:dashboard")
    if user.has_role(Role.AGENT) and not user.has_role(Role.OFFICER):
        return redirect("callcentre:console")  # the 120 agent's day is the call console
    if user.has_role(*WORKLIST_ROLES):
        return redirect("staff:worklist")
    # 현장 공무원 (field staff) start on the field-observation phone page.
    return redirect("field:report")


# --- desk triage queue -------------------------------------------------------------------------------


@require_GET
@staff_page(*DESK_ROLES)
def desk(request):
    user, now = request.user, timezone.now()
    queue = Complaint.objects.awaiting_routing().select_related(
        "category__default_department", "category__parent"
    )
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    departments = list(Department.objects.active().filter(is_desk=False).order_by("name"))
    rows = []
    for c in page:
        left, late = time_left(c.routing_due_at, now)
        row = {"c": c, "left": left, "late": late}
        if actions.is_available(user, c, "assign_department"):
            row["suggested"] = [s for s in hooks.suggest_departments(c) if s.department is not None]
        row["can_accept"] = actions.is_available(user, c, "accept")
        rows.append(row)
    flagged = (
        Complaint.objects.open()
        .flagged_for_desk_head()
        .select_related("category", "department")
        .order_by("received_at")[:50]
    )
    return render(
        request,
        "staff/desk.html",
        {
            "page": page,
            "rows": rows,
            "departments": departments,
            "flagged": flagged,
            "late_count": sum(1 for r in rows if r["late"]),
            "read_only": not user.has_role(*access.DESK),
        },
    )


# --- department worklist -----------------------------------------------------------------------------


def _worklist_setup(request):
    """Bind the filter form to the query string and turn it into a queryset (shared with CSV)."""
    user = request.user
    all_departments = queries.sees_all_departments(user)
    departments = list(queries.departments_for(user))
    chosen = request.GET.get("department", "")
    allowed_ids = [d.pk for d in departments]
    if chosen.isdigit() and int(chosen) in allowed_ids:
        scope: list[int] | None = [int(chosen)]
    elif all_departments:
        scope = None
    else:
        scope = allowed_ids
    handlers = list(queries.members_of(scope)) if scope is not None else []
    form = WorklistFilterForm(
        request.GET or None,
        departments=departments,
        all_departments=all_departments,
        handlers=handlers,
        categories=Category.objects.filter(is_active=True).order_by("sort_order", "code"),
    )
    if form.is_bound:
        form.is_valid()
    data = getattr(form, "cleaned_data", {})  # only the valid fields; bad ones are shown, not used
    f = queries.WorklistFilter.from_cleaned(data, scope)
    return form, f, scope, handlers


@require_GET
@staff_page(*WORKLIST_ROLES)
def worklist(request):
    user, now = request.user, timezone.now()
    form, f, scope, handlers = _worklist_setup(request)
    ids = queries.worklist(user, f, now=now).values_list("pk", flat=True)
    page = queries.CappedPaginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(c, queries.due_state(c, now)) for c in queries.rows_in_order(page.object_list)]
    may_assign_others = user.has_role(*access.DESK) or bool(
        scope and set(scope) <= set(user.headed_department_ids)
    )
    bulk_handlers = handlers if may_assign_others else [u for u in handlers if u.pk == user.pk]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "bulk_handlers": bulk_handlers,
        "can_bulk_assign": bool(bulk_handlers) and user.has_role(*access.DESK, *access.DEPT),
        "now": now,
    }
    template = "staff/_worklist_results.html" if is_htmx(request) else "staff/worklist.html"
    return render(request, template, context)


CSV_HEADER = [
    "접수번호",
    "제목",
    "유형",
    "민원 종류",
    "접수 경로",
    "상태",
    "처리 부서",
    "담당자",
    "도착 시각",
    "접수 시각",
    "처리기한",
    "기한 경과",
]


def _csv_cell(value) -> str:
    """Text as Excel should show it: no formula injection from a title like '=HYPERLINK(…)'."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


@require_GET
@staff_page(*WORKLIST_ROLES)
def worklist_csv(request):
    """The filtered list as CSV (UTF-8 with BOM for Excel). No applicant data leaves this way."""
    user, now = request.user, timezone.now()
    _form, f, _scope, _handlers = _worklist_setup(request)
    qs = queries.worklist(user, f, now=now).values_list(
        "tracking_no",
        "title",
        "category__name",
        "kind",
        "channel",
        "status",
        "department__name",
        "handler__display_name",
        "handler__username",
        "received_at",
        "accepted_at",
        "due_at",
    )
    kinds = dict(Kind.choices)
    channels = dict(Channel.choices)
    statuses = dict(Status.choices)

    def fmt(dt):
        return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M") if dt else ""

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for no, title, cat, kind, channel, status, dept, h_name, h_user, rec, acc, due in qs.iterator(
            chunk_size=2000
        ):
            row = queries.due_state(Complaint(status=status, due_at=due), now) == queries.OVERDUE
            yield writer.writerow(
                [
                    _csv_cell(v)
                    for v in (
                        no,
                        title,
                        cat,
                        kinds.get(kind, kind),
                        channels.get(channel, channel),
                        statuses.get(status, status),
                        dept or "",
                        h_name or h_user or "",
                        fmt(rec),
                        fmt(acc),
                        fmt(due),
                        "예" if row else "",
                    )
                ]
            )

    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="minwon-worklist-{stamp}.csv"'
    return response


@require_POST
@staff_page(Role.OFFICER, Role.HEAD, Role.DESK, Role.ADMIN)
def bulk_assign(request):
    """Assign one handler to the checked rows, one service call per row, errors reported per row."""
    user = request.user
    back = reverse("staff:worklist") + ("?" + request.POST["query"] if request.POST.get("query") else "")
    ids = chosen_ids(request.POST)
    department_ids = [d.pk for d in queries.departments_for(user)]
    handlers = queries.members_of(department_ids)
    form = BulkAssignForm(request.POST, ids=ids, handlers=handlers)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    handler = handlers.get(pk=form.cleaned_data["handler"])
    done = 0
    for pk in form.cleaned_data["ids"]:
        label = str(pk)
        try:
            complaint = get_complaint_for(user, pk, write=True)
            label = complaint.tracking_no
            services.assign_handler(user, complaint, handler)
            done += 1
        except (ComplaintError, PermissionDenied, Http404) as exc:
            message = getattr(exc, "message", None) or (exc.args[0] if exc.args else _("처리할 수 없습니다."))
            messages.error(request, _("%(no)s: %(msg)s") % {"no": label, "msg": message})
    if done:
        messages.success(
            request, _("%(n)d건의 담당자를 %(name)s님으로 지정했습니다.") % {"n": done, "name": handler}
        )
    return redirect(back)


# --- complaint page ------------------------------------------------------------------------------------


def _complaint_context(request, c: Complaint, *, bound=None, open_action: str = "", **extra):
    """Everything the complaint page shows; `bound` replaces the blank form of one action."""
    user = request.user
    bound = bound or {}
    forms = []
    for name, action in actions.ACTIONS.items():
        if not actions.is_available(user, c, name):
            continue
        form = bound.get(name) or actions.build_form(name, c, user)
        forms.append({"action": action, "form": form, "open": name == open_action or form.is_bound})
    return {
        "c": c,
        "period_label": _period_label(c.period),
        "now": timezone.now(),
        "due_state": queries.due_state(c, timezone.now()),
        "routing_left": time_left(c.routing_due_at, timezone.now()) if c.status == Status.RECEIVED else None,
        "action_forms": forms,
        "timeline": timeline(c.events.select_related("actor").order_by("at", "pk")),
        "extensions": c.extensions.select_related("actor"),
        "pauses": c.pauses.all(),
        "attachments": c.attachments.all(),
        "duplicates": c.duplicates.only("pk", "tracking_no", "title"),
        "may_reveal": user.has_role(*access.CONTACT_ROLES),
        "reveal_form": extra.pop("reveal_form", None) or RevealContactForm(),
        "read_only": not any(f["form"] for f in forms),
        "cautions": hooks.staff_cautions(c),
        **extra,
    }


def timeline(events) -> list[dict]:
    """Each event with a one-line Korean detail drawn from its data (before/after values)."""
    statuses = dict(Status.choices)
    kinds = dict(Kind.choices)
    closures = dict(ClosureReason.choices)
    items = []
    for ev in events:
        d = ev.data or {}
        detail = ""
        if ev.verb == EventVerb.REASSIGNED:
            detail = _("%(a)s → %(b)s") % {"a": d.get("from") or "-", "b": d.get("department", "")}
        elif d.get("department"):
            detail = d["department"]
        elif d.get("handler"):
            detail = _("담당자: %(name)s") % {"name": d["handler"]}
        elif d.get("agency"):
            detail = _("이송 기관: %(agency)s") % {"agency": d["agency"]}
        elif ev.verb == EventVerb.MERGED:
            detail = _("원 민원: %(no)s") % {"no": d.get("into", "")}
        elif ev.verb == EventVerb.MERGED_INTO:
            detail = _("병합된 민원: %(no)s") % {"no": d.get("from", "")}
        elif ev.verb == EventVerb.RECLASSIFIED:
            detail = _("%(a)s → %(b)s") % {
                "a": kinds.get(d.get("from") or "", ""),
                "b": kinds.get(d.get("to") or "", ""),
            }
        elif ev.verb == EventVerb.CLOSED and d.get("reason"):
            detail = closures.get(d["reason"], "")
        if d.get("due_at") and ev.verb in DUE_VERBS:
            due = deadlines.korean_due(datetime.fromisoformat(d["due_at"]))
            detail = (detail + " · " if detail else "") + _("처리기한 %(due)s") % {"due": due}
        change = ""
        if ev.status_before and ev.status_after and ev.status_before != ev.status_after:
            change = f"{statuses.get(ev.status_before, '')} → {statuses.get(ev.status_after, '')}"
        items.append({"event": ev, "detail": detail, "status_change": change})
    return items


DUE_VERBS = {
    EventVerb.ACCEPTED,
    EventVerb.EXTENDED,
    EventVerb.SUPPLEMENT_RECEIVED,
    EventVerb.REOPENED,
    EventVerb.RECLASSIFIED,
}


def _period_label(period: str) -> str:
    """'7d' → '7일', '3h' → '3시간' (the legal clock's own Korean label)."""
    from minwon.lib.legalclock.periods import as_period

    try:
        return as_period(period).label
    except Exception:  # a malformed legacy value is shown as stored
        return period


@require_GET
@staff_page()
def complaint(request, pk: int):
    c = get_complaint_for(request.user, pk)
    return render(request, "staff/complaint.html", _complaint_context(request, c))


def _apply_error(form, exc: ComplaintError) -> None:
    if exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        form.add_error(None, exc.message)


@require_POST
@staff_page()
def act(request, pk: int, action: str):
    """Run one lifecycle action from its form; on a refusal, the page again with the message."""
    if action not in actions.ACTIONS:
        raise Http404
    user = request.user
    c = get_complaint_for(user, pk, write=True)
    if not access.may_act(user, c, action):
        access.check_action(user, c, action)  # raises AccessDenied with the Korean sentence
    page = reverse("staff:complaint", args=[c.pk])
    if not actions.is_available(user, c, action):
        messages.error(
            request,
            _("'%(status)s' 상태의 민원에는 이 처리를 할 수 없습니다. 화면을 새로 고쳤습니다.")
            % {"status": c.get_status_display()},
        )
        return redirect(page)
    form = actions.build_form(action, c, user, data=request.POST)
    partial = ""

    if action == "answer" and ("insert_template" in request.POST or "insert_template" in request.GET):
        return _insert_template(request, c, form)

    if form.is_valid():
        if action == "extend" and "confirm" not in request.POST:
            return _extend_preview(request, c, form)
        try:
            message = actions.ACTIONS[action].run(user, c, form.cleaned_data)
        except ComplaintError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, message)
            return redirect(_safe_next(request, page))
    if action == "extend":
        partial = "staff/_extend.html"
    if partial and is_htmx(request):
        return render(request, partial, {"c": c, "form": form, "open": True})
    c = get_complaint_for(user, pk)  # re-read: a refused service call may have left nothing changed
    return render(request, "staff/complaint.html", _complaint_context(request, c, bound={action: form}))


def _extend_preview(request, c: Complaint, form):
    """Step 1 of the extension: compute and show the new due date; nothing is written."""
    data = form.cleaned_data
    try:
        new_due = services.preview_extension(
            c,
            period=data["period"],
            reason_code=data["reason_code"],
            consent=data.get("applicant_consent", False),
        )
    except ComplaintError as exc:
        _apply_error(form, exc)
        new_due = None
    preview = (
        {"new_due": new_due, "korean": deadlines.korean_due(new_due), "old": deadlines.korean_due(c.due_at)}
        if new_due
        else None
    )
    if is_htmx(request):
        return render(request, "staff/_extend.html", {"c": c, "form": form, "preview": preview, "open": True})
    return render(
        request,
        "staff/complaint.html",
        _complaint_context(request, c, bound={"extend": form}, extend_preview=preview),
    )


def _insert_template(request, c: Complaint, form):
    """Put the chosen response template into the answer box, keeping what was already typed."""
    chosen = form.templates.get(request.POST.get("answer-template", ""))
    typed = request.POST.get("answer-answer", "")
    data = request.POST.copy()
    if chosen is not None:
        text = chosen.render_for(c, c.handler or request.user)
        data["answer-answer"] = f"{typed.rstrip()}\n\n{text}" if typed.strip() else text
    new_form = actions.build_form("answer", c, request.user)
    new_form.initial = {"answer": data["answer-answer"], "template": data.get("answer-template", "")}
    if is_htmx(request):
        return render(request, "staff/_answer.html", {"c": c, "form": new_form, "open": True})
    return render(
        request,
        "staff/complaint.html",
        _complaint_context(request, c, bound={"answer": new_form}, open_action="answer"),
    )


@require_POST
@staff_page()
def reveal_contact(request, pk: int):
    """Show the applicant's contact once, after a reason is given; the AccessLog row is written."""
    user = request.user
    c = get_complaint_for(user, pk)  # a logged read, so the auditor may do it too
    form = RevealContactForm(request.POST)
    contact = None
    if form.is_valid():
        try:
            contact = access.reveal_contact(
                user, c, reason=form.cleaned_data["reason"], ip=request.META.get("REMOTE_ADDR") or None
            )
        except AccessDenied as exc:
            form.add_error("reason", str(exc))
    response = render(
        request, "staff/complaint.html", _complaint_context(request, c, reveal_form=form, contact=contact)
    )
    response["Cache-Control"] = "no-store"  # personal data: never from a cache
    return response


@require_GET
@staff_page()
def attachment(request, pk: int, attachment_pk: int):
    c = get_complaint_for(request.user, pk)
    att = c.attachments.filter(pk=attachment_pk).first()
    if att is None:
        raise Http404(_("첨부 파일을 찾을 수 없습니다."))
    response = FileResponse(
        att.file.open("rb"),
        content_type=att.content_type or "application/octet-stream",
        as_attachment=not att.is_image,
        filename=att.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- head dashboard ----------------------------------------------------------------------------------


@require_GET
@staff_page(*DASHBOARD_ROLES)
def dashboard(request):
    user, now = request.user, timezone.now()
    if queries.sees_all_departments(user):
        departments = list(queries.departments_for(user))
        default_scope: list[int] | None = None
    else:
        departments = list(Department.objects.filter(pk__in=user.headed_department_ids).order_by("name"))
        default_scope = [d.pk for d in departments]
    chosen = request.GET.get("department", "")
    selected = next((d for d in departments if str(d.pk) == chosen), None)
    scope = [selected.pk] if selected else default_scope
    base = Complaint.objects.all()
    if scope is not None:
        base = base.filter(department_id__in=scope)
    rows = ("category", "department", "handler")
    overdue = base.overdue(now)
    due_today = base.due_today(now).exclude(status=Status.SUPPLEMENT_REQUESTED)
    return render(
        request,
        "staff/dashboard.html",
        {
            "departments": departments,
            "selected": selected,
            "all_allowed": default_scope is None,
            "status_counts": queries.status_counts(base),
            "overdue_count": overdue.count(),
            "overdue": overdue.select_related(*rows).order_by("due_at")[:20],
            "due_today_count": due_today.count(),
            "due_today": due_today.select_related(*rows).order_by("due_at")[:20],
            "loads": queries.handler_loads(base, scope, now),
            "now": now,
        },
    )


# --- print queue (letters by post) -------------------------------------------------------------------

LETTER_ROLES = (Role.DESK, Role.ADMIN)


@staff_page(*LETTER_ROLES)
def letters(request):
    """The desk's print queue: 통지서 PDFs to print, then to post (e-그린우편 or the mail room).

    GET lists what waits; POST marks the chosen letters printed or posted through the notify
    services, which check the role again and record who did it and when.
    """
    from minwon.notify import services as notify
    from minwon.notify.letters import print_queue

    if request.method == "POST":
        ids = chosen_ids(request.POST)
        action = request.POST.get("action")
        if not ids:
            messages.error(request, _("처리할 우편을 하나 이상 선택해 주십시오."))
        elif action == "printed":
            n = notify.mark_printed(request.user, ids)
            messages.success(request, _("%(n)s건을 인쇄 완료로 표시했습니다.") % {"n": n})
        elif action == "dispatched":
            n = notify.mark_dispatched(request.user, ids, postal_ref=request.POST.get("postal_ref", ""))
            messages.success(request, _("%(n)s건을 발송 완료로 표시했습니다.") % {"n": n})
        else:
            messages.error(request, _("알 수 없는 작업입니다."))
        return redirect("staff:letters")
    queue = list(print_queue().select_related("complaint"))
    return render(request, "staff/letters.html", {"letters": queue})


@require_GET
@staff_page(*LETTER_ROLES)
def letters_pdf(request):
    """The chosen letters (default: every one waiting to print) as one PDF, to print in one go."""
    from minwon.notify.choices import MessageStatus
    from minwon.notify.letters import combined_pdf, print_queue

    ids = chosen_ids(request.GET)
    queue = print_queue()
    chosen = queue.filter(pk__in=ids) if ids else queue.filter(status=MessageStatus.PRINT_QUEUED)
    pdf = combined_pdf(chosen.order_by("created_at", "pk"))
    if not pdf:
        messages.error(request, _("인쇄할 우편이 없습니다."))
        return redirect("staff:letters")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="letters.pdf"'
    return response
