"""Open311 GeoReport v2 server (/open311/v2/): every endpoint in .json and .xml.

Errors follow the spec: a list of {code, description} with the HTTP status as code. Dates are
W3C date-times with +09:00. `page`/`page_size` is the common paging extension; the updates
feed (`servicerequestupdates`) follows FixMyStreet's.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from minwon.api import ratelimit, tokens
from minwon.api.errors import ApiError
from minwon.api.models import Submission
from minwon.complaints.choices import OPEN_STATUSES
from minwon.complaints.models import Category, ComplaintEvent

from . import intake, queries
from .render import error, respond

MAX_SPAN = timedelta(days=90)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def endpoint(*methods: str):
    """Allow `methods`, check jurisdiction_id, and answer every refusal in the spec's error list.

    A wrong method is a 405 in the same `errors` document (with `Allow`), not Django's empty 405,
    so an Open311 client can show the description like any other error.
    """

    def decorate(view):
        def wrapper(request, *args, fmt: str, **kwargs):
            if request.method not in methods:
                response = error(fmt, 405, f"이 주소는 {', '.join(methods)} 요청만 받습니다.")
                response["Allow"] = ", ".join(methods)
                return response
            try:
                _check_jurisdiction(request)
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                return error(fmt, exc.status, exc.description)
            except ApiError as exc:
                response = error(fmt, exc.status, exc.message)
                for name, value in exc.headers.items():
                    response[name] = value
                return response

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        return wrapper

    return decorate


def _check_jurisdiction(request) -> None:
    given = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    if given and given != settings.MINWON_OPEN311_JURISDICTION:
        raise Open311Error(404, f"jurisdiction_id '{given[:60]}' 는 이 서버가 맡은 지역이 아닙니다.")


def _optional_token(request):
    token = tokens.from_request(request)
    if token is not None:
        ratelimit.hit(token)
    return token


@endpoint("GET")
def discovery(request, fmt: str):
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0]
    doc = {
        "changeset": "2026-12-01T00:00:00+09:00",
        "contact": f"{settings.MINWON_CITY_NAME} 민원 ({settings.MINWON_AGENCY_PHONE})",
        "key_service": "API 키는 관리자에게 신청하십시오 (권한 범위 open311).",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-12-01T00:00:00+09:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, None, {"discovery": doc})


@endpoint("GET")
def services(request, fmt: str):
    rows = Category.objects.filter(is_active=True).select_related("parent").order_by("sort_order", "code")
    return respond(fmt, "services", [queries.service_row(c) for c in rows])


@endpoint("GET")
def service_definition(request, code: str, fmt: str):
    cat = Category.objects.filter(code=code, is_active=True).first()
    if cat is None:
        raise Open311Error(404, f"service_code '{code[:40]}' 를 찾을 수 없습니다.")
    return respond(fmt, None, {"service_definition": queries.definition(cat)})


@csrf_exempt  # a machine endpoint authenticated by api_key, never by a browser session
@endpoint("GET", "POST")
def requests_(request, fmt: str):
    if request.method == "POST":
        return _post_request(request, fmt)
    token = _optional_token(request)
    qs = queries.visible(token).select_related("category", "department")
    params = request.GET
    ids = [v.strip() for v in params.get("service_request_id", "").split(",") if v.strip()]
    qs = qs.filter(tracking_no__in=ids[:100]) if ids else _filter(qs, params)
    page, size = _paging(params)
    rows = qs.order_by("-received_at", "-pk")[(page - 1) * size : page * size]
    return respond(fmt, "service_requests", [queries.request_row(c) for c in rows])


def _filter(qs, params):
    codes = [v.strip() for v in params.get("service_code", "").split(",") if v.strip()]
    if codes:
        qs = qs.filter(category__code__in=codes)
    statuses = {v.strip() for v in params.get("status", "").split(",") if v.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status 는 open 이나 closed 여야 합니다.")
    if statuses == {"open"}:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif statuses == {"closed"}:
        qs = qs.exclude(status__in=OPEN_STATUSES)
    start, end = _range(params)
    return qs.filter(received_at__gte=start, received_at__lte=end)


def _range(params) -> tuple[datetime, datetime]:
    """start_date/end_date (W3C), at most 90 days apart; the last 90 days when neither is given."""
    start = _parse_when(params.get("start_date"), "start_date")
    end = _parse_when(params.get("end_date"), "end_date", end_of_day=True)
    if start and end and end - start > MAX_SPAN:
        raise Open311Error(400, "start_date 와 end_date 사이는 90일을 넘을 수 없습니다.")
    if start and not end:
        end = start + MAX_SPAN
    elif end and not start:
        start = end - MAX_SPAN
    elif not start and not end:
        end = timezone.now()
        start = end - MAX_SPAN
    assert start is not None and end is not None
    if start > end:
        raise Open311Error(400, "start_date 가 end_date 보다 늦습니다.")
    return start, end


def _parse_when(raw: str | None, name: str, *, end_of_day: bool = False) -> datetime | None:
    if not raw:
        return None
    raw = raw.strip().replace(" ", "+")  # a '+' in a query string arrives as a space
    try:
        dt = parse_datetime(raw)
        if dt is None:
            day = parse_date(raw)
            if day is not None:
                dt = datetime.combine(day, time.max if end_of_day else time.min)
    except ValueError:
        dt = None
    if dt is None:
        raise Open311Error(400, f"{name} 는 W3C 형식이어야 합니다 (예: 2026-12-01T00:00:00+09:00).")
    if timezone.is_naive(dt):
        dt = timezone.make_aware(dt)
    return dt


def _paging(params) -> tuple[int, int]:
    try:
        page = int(params.get("page", 1))
        size = int(params.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        raise Open311Error(400, "page 와 page_size 는 숫자여야 합니다.") from None
    if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
        raise Open311Error(400, f"page 는 1 이상, page_size 는 1–{MAX_PAGE_SIZE} 이어야 합니다.")
    return page, size


def _post_request(request, fmt: str):
    token = tokens.from_request(request)
    if token is None:
        raise Open311Error(403, "api_key 가 없거나 올바르지 않습니다.")
    ratelimit.hit(token)
    if not token.has_scope("open311"):
        raise Open311Error(403, "이 api_key 에는 Open311 신청 권한이 없습니다.")
    try:
        submission = intake.submit(token, request.POST)
    except intake.Open311Rejected as exc:
        raise Open311Error(400, exc.description) from None
    c = submission.complaint
    notice = f"접수번호 {c.tracking_no}"
    row = {
        "service_request_id": c.tracking_no,
        "token": submission.public_token,
        "service_notice": notice,
        "account_id": "",
    }
    return respond(fmt, "service_requests", [row], status=201)


@endpoint("GET")
def request_detail(request, request_id: str, fmt: str):
    token = _optional_token(request)
    c = queries.visible(token).select_related("category", "department").filter(tracking_no=request_id).first()
    if c is None:
        raise Open311Error(404, f"service_request_id '{request_id[:40]}' 를 찾을 수 없습니다.")
    return respond(fmt, "service_requests", [queries.request_row(c)])


@endpoint("GET")
def token_detail(request, token_id: str, fmt: str):
    sub = Submission.objects.select_related("complaint").filter(public_token=token_id).first()
    if sub is None:
        raise Open311Error(404, f"token '{token_id[:40]}' 를 찾을 수 없습니다.")
    row = {"service_request_id": sub.complaint.tracking_no, "token": sub.public_token}
    return respond(fmt, "service_requests", [row])


@endpoint("GET")
def updates(request, fmt: str):
    """FixMyStreet's servicerequestupdates: public timeline events of visible 민원 in a time range."""
    token = _optional_token(request)
    start, end = _range(request.GET)
    page, size = _paging(request.GET)
    events = (
        ComplaintEvent.objects.filter(
            is_public=True, at__gte=start, at__lte=end, complaint__in=queries.visible(token)
        )
        .select_related("complaint")
        .order_by("at", "pk")[(page - 1) * size : page * size]
    )
    return respond(fmt, "updates", [queries.update_row(e) for e in events])
