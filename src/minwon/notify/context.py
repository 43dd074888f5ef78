"""What a notice says: the strings its template is rendered with, and the rendering itself.

The context is computed once, when the message is queued (inside the action's transaction), and
stored on the message as plain strings. A fallback on another channel or a reprinted letter thus
states the same facts as the first message, even if the complaint has moved on since.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.template import Context, Engine
from django.utils import timezone

from minwon.complaints.deadlines import DEFAULT_REMEDIES, korean_due

from .defaults import default_for

SATISFACTION_SALT = "minwon.notify.satisfaction"

# Plain-text notices must not be HTML-escaped ("&" stays "&" in an SMS); letters escape in HTML.
_TEXT_ENGINE = Engine(autoescape=False)


def satisfaction_url(complaint) -> str:
    """One-click survey link for the applicant: a signed token, no log-in (page: /s/<token>/).

    The token names the complaint and its processing round, so a reopened and re-answered 민원
    gets a fresh survey while an old link still identifies the round it was about.
    """
    token = signing.dumps({"c": complaint.pk, "r": complaint.reopen_count}, salt=SATISFACTION_SALT)
    base = settings.MINWON_PUBLIC_BASE_URL.rstrip("/")
    return f"{base}/s/{token}/"


def read_satisfaction_token(token: str, *, max_age: int | None = None) -> dict[str, int]:
    """Returns {"c": complaint_pk, "r": round}; raises django.core.signing.BadSignature if forged."""
    return signing.loads(token, salt=SATISFACTION_SALT, max_age=max_age)


def _dt(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    weekday = "월화수목금토일"[local.weekday()]
    return f"{local.year}년 {local.month}월 {local.day}일({weekday}) {local:%H:%M}"


def _parse_iso(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def complaint_context(complaint, event=None, **extra: Any) -> dict[str, str]:
    """Everything a notice about `complaint` may mention, as strings (JSON-storable)."""
    c = complaint
    dept = c.department
    handler = c.handler if c.handler_id else None
    handler_phone = getattr(handler, "office_phone", "") if handler else ""
    dept_phone = getattr(dept, "phone", "") if dept else ""
    ctx: dict[str, Any] = {
        "city": settings.MINWON_CITY_NAME,
        "agency_phone": settings.MINWON_AGENCY_PHONE,
        "tracking_no": c.tracking_no,
        "title": c.title,
        "category": str(c.category) if c.category_id else "",
        "kind": c.get_kind_display(),
        "applicant_name": c.applicant_name or (str(c.applicant) if c.applicant_id else ""),
        "received": _dt(c.received_at),
        "accepted": _dt(c.accepted_at),
        "due": korean_due(c.due_at),
        "routing_due": korean_due(c.routing_due_at),
        "status": c.get_status_display(),
        "department": dept.name if dept else "",
        "department_phone": dept_phone,
        "handler": str(handler) if handler else "",
        "handler_phone": handler_phone,
        # The number a citizen should call: the handler's desk, else the department, else 120.
        "contact_phone": handler_phone or dept_phone or settings.MINWON_AGENCY_PHONE,
        "answer": c.answer,
        "agency": c.transferred_to,
        "closure_reason": c.get_closure_reason_display() if c.closure_reason else "",
        "reassign_count": str(c.reassign_count),
        "public_base_url": settings.MINWON_PUBLIC_BASE_URL.rstrip("/"),
        "date": _dt(timezone.now())[:-6].strip(),
    }
    if event is not None:
        data = event.data or {}
        ctx["note"] = event.note
        ctx["event_at"] = _dt(event.at)
        if event.verb == "supplement_requested":
            ctx["supplement_what"] = event.note
            ctx["supplement_until"] = korean_due(_parse_iso(data.get("until")))
        elif event.verb == "extended":
            ctx["extension_reason"] = event.note
            ctx["previous_due"] = korean_due(_parse_iso(data.get("previous_due_at")))
        elif event.verb == "rejected":
            ctx["reason"] = event.note
            ctx["remedies"] = data.get("remedies") or DEFAULT_REMEDIES
        elif event.verb == "merged":
            ctx["into"] = data.get("into", "")
        elif event.verb == "reassigned":
            ctx["reassigned"] = "1"
            ctx["from_department"] = data.get("from", "")
    if c.status in ("answered", "closed"):
        ctx["satisfaction_url"] = satisfaction_url(c)
    if c.status == "rejected" and "reason" not in ctx:
        reason, _, remedies = c.rejection_reason.partition("\n\n")
        ctx["reason"], ctx["remedies"] = reason, remedies or DEFAULT_REMEDIES
    ctx.update(extra)
    return {k: "" if v is None else str(v) for k, v in ctx.items()}


def render_text(source: str, context: dict[str, str]) -> str:
    return _TEXT_ENGINE.from_string(source).render(Context(context, autoescape=False)).strip()


def wording(key: str, language: str) -> tuple[str, str, str, str]:
    """(subject, short_body, body, alimtalk_template_code): the admin's row, else the default."""
    from .models import MessageTemplate

    row = (
        MessageTemplate.objects.filter(key=key, language=language, is_active=True)
        .values_list("subject", "short_body", "body", "alimtalk_template_code")
        .first()
    )
    if row:
        return row
    subject, short, body = default_for(key, language)
    return subject, short, body, ""


SHORT_CHANNELS = frozenset({"sms", "alimtalk"})


def render_notice(key: str, language: str, channel: str, context: dict[str, str]) -> tuple[str, str, str]:
    """(subject, body, alimtalk_code) of notice `key` for `channel`."""
    subject_src, short_src, body_src, code = wording(key, language)
    body_src = short_src if channel in SHORT_CHANNELS else body_src
    return render_text(subject_src, context), render_text(body_src, context), code


def sample_context() -> dict[str, str]:
    """Made-up facts for previewing a template in the admin (no real citizen's data)."""
    return {
        "city": settings.MINWON_CITY_NAME,
        "agency_phone": settings.MINWON_AGENCY_PHONE,
        "tracking_no": "2026-0000123",
        "title": "골목 가로등이 꺼져 있습니다",
        "category": "가로등",
        "kind": "고충민원",
        "applicant_name": "홍길동",
        "received": "2026년 11월 23일(월) 17:30",
        "accepted": "2026년 11월 23일(월) 17:30",
        "due": "12월 2일(수) 18:00까지",
        "routing_due": "11월 24일(화) 09:30까지",
        "status": "처리 중",
        "department": "도로과",
        "department_phone": "02-120-3000",
        "handler": "최도로",
        "handler_phone": "02-120-3012",
        "contact_phone": "02-120-3012",
        "answer": "말씀하신 가로등의 안정기를 교체하여 11월 25일 다시 켜졌습니다. 불편을 드려 죄송합니다.",
        "agency": "서울특별시 도로관리사업소",
        "closure_reason": "처리 완료",
        "reassign_count": "3",
        "note": "현장 확인 결과 관할 밖입니다.",
        "supplement_what": "위치를 알 수 있는 사진을 한 장 보내 주십시오.",
        "supplement_until": "11월 30일(월) 18:00까지",
        "extension_reason": "한국전력공사의 협조가 필요합니다.",
        "previous_due": "11월 26일(목) 17:30까지",
        "reason": "신청서에 필수 서류가 빠져 있습니다.",
        "remedies": DEFAULT_REMEDIES,
        "into": "2026-0000100",
        "progress_days": "30",
        "hours": "8",
        "satisfaction_url": f"{settings.MINWON_PUBLIC_BASE_URL.rstrip('/')}/s/예시/",
        "date": "2026년 11월 25일(수)",
    }
