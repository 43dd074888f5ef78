"""The REST API (django-ninja): /api/, docs at /api/docs, schema at /api/openapi.json.

Every request carries a token (`Authorization: Bearer mw_…`); each token is counted against its
own per-minute limit before anything else runs. Errors are `{code, message, errors}` with a
stable machine code and a Korean sentence.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Header, NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.responses import Status
from ninja.security import HttpBearer

from minwon.complaints.choices import Channel
from minwon.complaints.choices import Status as CStatus
from minwon.complaints.errors import IntakeError
from minwon.complaints.intake import Applicant, receive_complaint
from minwon.complaints.models import Category, Complaint
from minwon.staff import queries

from . import idempotency, public, ratelimit, tokens, worklist
from .errors import ApiError, missing_scope, not_found, unauthorized
from .public import local
from .schemas import (
    CategoryOut,
    ComplaintCreatedOut,
    ComplaintIn,
    ComplaintStatusOut,
    ErrorOut,
    WorklistPage,
    WorklistQuery,
)
from .services import record_submission


class TokenAuth(HttpBearer):
    """Bearer token (or `X-Api-Key`), then the token's rate limit."""

    def __call__(self, request: HttpRequest):
        if "Authorization" not in request.headers and request.headers.get("X-Api-Key"):
            return self.authenticate(request, request.headers["X-Api-Key"])
        return super().__call__(request)

    def authenticate(self, request, token):
        found = tokens.find_active(token)
        if found is None:
            return None
        ratelimit.hit(found)
        return found


api = NinjaAPI(
    title="minwon API",
    version="1",
    description=(
        "민원 접수·조회·목록 API. 모든 요청에 `Authorization: Bearer <토큰>` 이 필요합니다. "
        "오류는 `{code, message, errors}` 형식이며 `code` 는 바뀌지 않습니다."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
)

COMMON_ERRORS: dict[int, type] = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut}


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    response = api.create_response(request, exc.body(), status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return _api_error(request, unauthorized())


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:
        err = ApiError(400, "bad_request", "요청 본문을 읽을 수 없습니다. JSON 형식을 확인해 주십시오.")
    else:
        err = ApiError(exc.status_code, "http_error", "요청을 처리할 수 없습니다.")
    return _api_error(request, err)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _api_error(request, not_found())


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc: NinjaValidationError):
    errors = {}
    for err in exc.errors:
        loc = [
            str(part)
            for part in err.get("loc", [])
            if part not in ("body", "query", "path", "header", "payload", "filters")
        ]
        name = ".".join(loc) or "request"
        errors[name] = (
            "반드시 보내야 하는 값입니다." if err.get("type") == "missing" else "형식이 올바르지 않습니다."
        )
    return _api_error(
        request, ApiError(422, "invalid_request", "요청 형식이 올바르지 않습니다.", errors=errors)
    )


def _require(token, scope: str) -> None:
    if not token.has_scope(scope):
        raise missing_scope(scope)


def _no_nul(value) -> None:
    """PostgreSQL text cannot hold NUL; refuse it as bad input instead of failing later."""
    if isinstance(value, str) and "\x00" in value:
        raise ApiError(422, "invalid_request", "입력에 허용되지 않는 문자(NUL)가 있습니다.")
    if isinstance(value, dict):
        for k, v in value.items():
            _no_nul(k)
            _no_nul(v)
    elif isinstance(value, list):
        for v in value:
            _no_nul(v)


# --- create -------------------------------------------------------------------------------------


@api.post(
    "/complaints",
    response={201: ComplaintCreatedOut, 200: ComplaintCreatedOut, 400: ErrorOut, **COMMON_ERRORS},
    summary="민원 등록",
    description=(
        "새 민원을 접수합니다 (접수 경로 `api`). `Idempotency-Key` 를 보내면 같은 키로 다시 보낸 요청은 "
        "처음 결과를 그대로 돌려받고, 같은 키에 다른 내용을 보내면 422 `idempotency_key_reused` 입니다."
    ),
)
def create_complaint(
    request,
    payload: ComplaintIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
):
    token = request.auth
    _require(token, "create")
    data = payload.dict()
    _no_nul(data)
    key = idempotency.check_key(idempotency_key)
    (status, body), replayed = idempotency.run(
        token, key, idempotency.request_hash(data), lambda: _create(token, payload)
    )
    response = api.create_response(request, body, status=status)
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


def _create(token, p: ComplaintIn) -> tuple[int, dict]:
    category = Category.objects.filter(code=p.category, is_active=True).first()
    if category is None:
        raise ApiError(
            422, "invalid", "입력한 내용을 확인해 주십시오.", errors={"category": "없는 민원 유형입니다."}
        )
    a = p.applicant
    try:
        c = receive_complaint(
            token.user,
            channel=Channel.API,
            category=category,
            title=p.title,
            body=p.body,
            kind=p.kind,
            address=p.address,
            lat=p.lat,
            lng=p.lng,
            visibility=p.visibility,
            extra_answers=p.extra_answers,
            applicant=Applicant(
                name=a.name,
                phone=a.phone,
                email=a.email,
                postal_address=a.postal_address,
                notify_channels=a.notify_channels,
                consent=a.consent,
            ),
            # The client waits for the legal record only; notices, search and routing follow
            # from the worker (complaints.events.dispatch_pending).
            defer_followups=True,
        )
    except IntakeError as exc:
        raise ApiError(422, "invalid", "입력한 내용을 확인해 주십시오.", errors=exc.errors) from None
    record_submission(token, c)
    return 201, created_body(c)


def created_body(c: Complaint) -> dict:
    return {
        "id": c.pk,
        "tracking_no": c.tracking_no,
        "status": c.status,
        "status_label": CStatus(c.status).label,
        "received_at": local(c.received_at).isoformat(),
        "due_at": local(c.due_at).isoformat() if c.due_at else None,
        "status_url": reverse("api:complaint_status", kwargs={"tracking_no": c.tracking_no}),
    }


# --- read ---------------------------------------------------------------------------------------


@api.get(
    "/complaints/{tracking_no}",
    response={200: ComplaintStatusOut, 404: ErrorOut, **COMMON_ERRORS},
    url_name="complaint_status",
    summary="민원 상태와 공개 처리 이력",
    description=(
        "접수번호로 상태와 공개 처리 이력을 봅니다. 민원인 연락처는 나오지 않고, 본문·답변 속 전화번호 "
        "등은 가려집니다. 비공개 민원은 그 민원을 등록한 토큰이나 열람 권한이 있는 직원 토큰만 봅니다."
    ),
)
def complaint_status(request, tracking_no: str):
    token = request.auth
    _require(token, "read")
    number = queries.normalise_tracking_no(tracking_no)
    if not queries._TRACKING_RE.match(number):
        raise not_found()
    c = Complaint.objects.select_related("category", "department").filter(tracking_no=number).first()
    if c is None or not public.may_see(token, c):
        raise not_found()
    return public.status_view(c, full=public.sees_full(token, c))


# --- staff list ---------------------------------------------------------------------------------


@api.get(
    "/complaints",
    response={200: WorklistPage, **COMMON_ERRORS},
    summary="직원 민원 목록 (작업 목록과 같은 필터)",
    description=(
        "직원 작업 목록(/staff/worklist/)과 같은 필터·정렬·검색입니다. 부서가 정해진 토큰은 그 부서의 "
        "민원만 봅니다. 연계 시스템 토큰은 부서가 정해져 있어야 합니다."
    ),
)
def complaint_list(request, filters: Query[WorklistQuery]):
    token = request.auth
    _require(token, "list")
    _no_nul(dict(request.GET.items()))
    return worklist.page(token, request.GET, page=filters.page, page_size=filters.page_size)


@api.get("/categories", response={200: list[CategoryOut], **COMMON_ERRORS}, summary="민원 유형 목록")
def categories(request):
    rows = Category.objects.filter(is_active=True).order_by("sort_order", "code")
    return Status(200, [CategoryOut.from_orm(c) for c in rows])
