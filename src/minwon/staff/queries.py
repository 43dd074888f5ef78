"""Reads for the staff pages: the worklist filter, keyword search, dashboard figures.

Writes never happen here (STYLE §2). Everything returns querysets or plain values, so the views
stay thin and the query count of a page is easy to pin in a test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar, cast

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from minwon.accounts.models import User
from minwon.complaints import hooks
from minwon.complaints.access import READ_ALL_ROLES
from minwon.complaints.choices import OPEN_STATUSES, Status
from minwon.complaints.models import Complaint
from minwon.complaints.queries import ComplaintQuerySet
from minwon.org.models import Department, Membership

_QS = TypeVar("_QS", bound=QuerySet)

# Columns a worklist row shows; `only()` keeps the (possibly long) body out of the page query.
ROW_FIELDS = (
    "id",
    "category__name",
    "tracking_no",
    "title",
    "kind",
    "channel",
    "status",
    "received_at",
    "due_at",
    "routing_due_at",
    "needs_desk_head",
    "extension_count",
    "department__name",
    "department__dissolved_at",
    "handler__username",
    "handler__display_name",
    "handler__first_name",
    "handler__last_name",
)

SORTS = {
    "due": ("due_at", "pk"),
    "-due": ("-due_at", "-pk"),
    "received": ("received_at", "pk"),
    "-received": ("-received_at", "-pk"),
    "status": ("status", "due_at", "pk"),
    # Only with a search term (search_rank comes from keyword_search); without one: due order.
    "relevance": ("-search_rank", "-received_at", "-pk"),
}
DEFAULT_SORT = "due"

_TRACKING_RE = re.compile(r"^\d{4}-?\d{7}$")


def sees_all_departments(user) -> bool:
    """Desk, auditor, admin (and the other oversight roles) may look at any department."""
    return user.has_role(*READ_ALL_ROLES)


def departments_for(user) -> QuerySet[Department]:
    """The departments this person may pick on the worklist and dashboard."""
    if sees_all_departments(user):
        return Department.objects.active().order_by("name")
    return Department.objects.filter(pk__in=user.department_ids).order_by("name")


def members_of(department_ids) -> QuerySet[User]:
    """People working now in these departments: the handlers one can filter by or assign."""
    return (
        User.objects.filter(
            memberships__department_id__in=department_ids,
            memberships__ended_at__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("display_name", "username")
    )


def normalise_tracking_no(raw: str) -> str:
    """'2026 0000123' or '20260000123' → '2026-0000123'; anything else is returned trimmed."""
    compact = re.sub(r"\s", "", raw or "")
    if _TRACKING_RE.match(compact):
        return compact if "-" in compact else f"{compact[:4]}-{compact[4:]}"
    return compact[:20]


# A portal reference: one token of letters, digits and hyphens holding at least 6 digits.
_EXTERNAL_REF_RE = re.compile(r"^(?=(?:\D*\d){6})[0-9A-Za-z-]{6,40}$")


def keyword_search(qs: _QS, query: str) -> _QS:
    """An exact tracking number or portal reference, else the Korean full-text index (minwon.triage.search).

    The only place the worklist searches. Morphemes make "불법주차" find "불법 주차했어요"; when
    the query has no analysable term (a stray symbol, a one-letter code) the plain substring
    search still answers, so no query silently returns nothing.
    """
    from minwon.triage.search import search_complaints

    query = (query or "").strip()
    if not query:
        return qs
    if _TRACKING_RE.match(re.sub(r"\s", "", query)):
        return qs.filter(tracking_no=normalise_tracking_no(query))
    if _EXTERNAL_REF_RE.match(query):
        # A 국민신문고/새올 신청번호 (minwon.exchange): the desk answers the portal's callers by it.
        by_ref = qs.filter(external_ref__ref__iexact=query)
        if by_ref.exists():
            return by_ref
    found = search_complaints(qs, query)
    if found.query.is_empty():
        for word in query.split()[:5]:
            qs = qs.filter(Q(title__icontains=word) | Q(body__icontains=word))
        return qs
    return cast(_QS, found)


@dataclass
class WorklistFilter:
    """Cleaned worklist criteria (from `forms.WorklistFilterForm`)."""

    department_ids: list[int] | None = None  # None = every department (oversight roles)
    status: str = "open"
    category_id: int | None = None
    channel: str = ""
    due_within: float | None = None
    overdue: bool = False
    handler: str = ""  # "", "mine", "unassigned" or a user id
    received_from: object = None
    received_to: object = None
    q: str = ""
    sort: str = DEFAULT_SORT
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_cleaned(cls, data: dict, department_ids: list[int] | None) -> WorklistFilter:
        """From `forms.WorklistFilterForm.cleaned_data` (the staff page and the REST API share it)."""
        category = data.get("category")
        return cls(
            department_ids=department_ids,
            status=data.get("status") or "open",
            category_id=category.pk if category else None,
            channel=data.get("channel") or "",
            due_within=data.get("due_within"),
            overdue=bool(data.get("overdue")),
            handler=data.get("handler") or "",
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            q=data.get("q") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )


def worklist(user, f: WorklistFilter, *, now: datetime | None = None) -> QuerySet[Complaint]:
    """The filtered, sorted worklist; no query runs until it is sliced or counted."""
    now = now or timezone.now()
    qs = Complaint.objects.all()
    if f.department_ids is not None:
        qs = qs.filter(department_id__in=f.department_ids)
    if f.status == "open":
        qs = qs.open()
    elif f.status and f.status != "all":
        qs = qs.filter(status=f.status)
    if f.category_id:
        qs = qs.filter(category_id=f.category_id)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.overdue:
        qs = qs.overdue(now)
    if f.due_within:
        qs = qs.due_within(f.due_within, now)
    if f.handler == "mine":
        qs = qs.filter(handler_id=user.pk)
    elif f.handler == "unassigned":
        qs = qs.filter(handler__isnull=True)
    elif f.handler:
        qs = qs.filter(handler_id=int(f.handler))
    if f.received_from:
        qs = qs.filter(received_at__gte=_day_start(f.received_from))
    if f.received_to:
        qs = qs.filter(received_at__lt=_day_start(f.received_to) + timedelta(days=1))
    qs = keyword_search(qs, f.q)
    from minwon.triage.search import has_search_rank

    sort = f.sort if (f.sort != "relevance" or has_search_rank(qs)) else DEFAULT_SORT
    return qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def rows_in_order(ids) -> list[Complaint]:
    """The page's rows, fetched by primary key and returned in the order of `ids`.

    The worklist pages in two steps (a "deferred join"): the filter, sort and LIMIT run on
    `values_list("pk")`, which SQLite and PostgreSQL answer from a covering index
    (cmp_dept_status_due, cmp_status_due, cmp_received), and only the 50 rows of the page are
    then read with their names. One query with the joins let SQLite's planner (which, without
    STAT4, thinks `status IN (6 open statuses)` matches most rows) scan the whole table:
    ~90 ms at 100k 민원 against < 1 ms for the id step (see docs/benchmarks.md).
    """
    ids = list(ids)
    rows = (
        Complaint.objects.filter(pk__in=ids)
        .select_related("category", "department", "handler")
        .only(*ROW_FIELDS)
        .in_bulk()
    )
    return [rows[pk] for pk in ids if pk in rows]


class CappedPaginator(Paginator):
    """A paginator whose count stops at CAP+1 rows, so counting stays cheap on any filter.

    `SELECT COUNT(*) FROM (… LIMIT 10001)` reads at most 10,001 index entries; the page shows
    "10,000건 이상" and nobody pages that deep (they narrow the filter instead).
    """

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        return cast(QuerySet, self.object_list).order_by()[: self.CAP + 1].count()

    cap_label = f"{CAP:,}"

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


def _day_start(day) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.get_current_timezone())


# --- due state of a row ---------------------------------------------------------------------------

OVERDUE, DUE_TODAY = "overdue", "due_today"


def due_state(complaint: Complaint, now: datetime) -> str:
    """'overdue', 'due_today' or '' — what makes a worklist row stand out."""
    if complaint.due_at is None or complaint.status not in OPEN_STATUSES:
        return ""
    if complaint.status == Status.SUPPLEMENT_REQUESTED:
        return ""  # the clock stands still while the applicant supplements
    if complaint.due_at < now:
        return OVERDUE
    if timezone.localdate(complaint.due_at) == timezone.localdate(now):
        return DUE_TODAY
    return ""


# --- dashboard ------------------------------------------------------------------------------------


@dataclass
class HandlerLoad:
    handler: User | None
    open: int
    overdue: int
    unavailable: str = ""  # "휴식 중 (… 까지)": the head sees that, never why


def status_counts(qs: QuerySet[Complaint]) -> list[tuple[str, str, int]]:
    """(status, label, count) in the lifecycle's order, zeros included."""
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in Status.choices]


def handler_loads(qs: ComplaintQuerySet, department_ids, now: datetime) -> list[HandlerLoad]:
    """Open and overdue 민원 per handler; members with nothing open are listed with zeros."""
    overdue_q = Q(due_at__lt=now) & ~Q(status=Status.SUPPLEMENT_REQUESTED)
    rows = (
        qs.open()
        .order_by()
        .values("handler")
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q))
    )
    by_handler = {r["handler"]: (r["open"], r["overdue"]) for r in rows}
    people = {u.pk: u for u in User.objects.filter(pk__in=[pk for pk in by_handler if pk])}
    if department_ids is not None:
        member_ids = Membership.objects.filter(
            department_id__in=department_ids, ended_at__isnull=True
        ).values_list("user_id", flat=True)
        for member in User.objects.filter(pk__in=member_ids, is_active=True).exclude(pk__in=list(people)):
            people[member.pk] = member
    away = hooks.unavailable_labels(list(people))
    loads = [HandlerLoad(u, *by_handler.get(pk, (0, 0)), away.get(pk, "")) for pk, u in people.items()]
    loads.sort(key=lambda load: (-load.overdue, -load.open, str(load.handler)))
    if None in by_handler:
        loads.append(HandlerLoad(None, *by_handler[None]))
    return loads
