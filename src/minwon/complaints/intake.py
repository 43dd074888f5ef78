"""Intake: every channel's 민원 becomes one `receive_complaint` call (DESIGN §3.1)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import h3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from minwon.lib.images import ImageRejected, clean_image, is_pdf

from . import deadlines
from .choices import Channel, EventVerb, Kind, NotifyChannel, Status, Visibility
from .errors import IntakeError
from .events import new_event, record_all
from .models import Attachment, Category, Complaint, TrackingCounter

PHONE_RE = re.compile(r"^0\d{1,2}-?\d{3,4}-?\d{4}$")
# Channels where the 민원 counts as 접수 the moment it arrives: the system itself receives it.
# 구술민원 (visit) waits for the citizen's confirmation; post/fax waits for the desk to register it.
AUTO_ACCEPT_CHANNELS = {
    Channel.WEB,
    Channel.MOBILE,
    Channel.FIELD,
    Channel.BOARD,
    Channel.API,
    Channel.CALL,
    Channel.IMPORT,
}


@dataclass
class Upload:
    """A file as it arrived, independent of Django's UploadedFile so the API and imports can use it."""

    name: str
    data: bytes
    content_type: str = ""


@dataclass
class Applicant:
    user: Any = None
    name: str = ""
    phone: str = ""
    email: str = ""
    postal_address: str = ""
    notify_channels: list[str] = field(default_factory=list)
    consent: bool = False


def receive_complaint(
    actor,
    *,
    channel: str,
    category: Category,
    title: str,
    body: str,
    applicant: Applicant | None = None,
    kind: str | None = None,
    address: str = "",
    lat: float | None = None,
    lng: float | None = None,
    visibility: str = Visibility.PRIVATE,
    uploads: list[Upload] | None = None,
    use_photo_location: bool = False,
    extra_answers: dict | None = None,
    received_at=None,
    auto_accept: bool | None = None,
    defer_followups: bool = False,
) -> Complaint:
    """Validate everything at once, store the 민원 and its cleaned files, write the first events.

    An auto-accepted 민원 is stored already 접수 (accepted time, due date) in one INSERT, with its
    `received` and `accepted` events: the legal record is complete when this returns.
    `defer_followups` leaves the events' other work (the 접수 notice in the outbox, webhooks, the
    search document, the routing suggestion and auto-routing) to `minwon worker`, queued in this
    same transaction (events.dispatch_pending); the API uses it so a client waits for the record,
    not for the rest.
    """
    applicant = applicant or Applicant()
    uploads = uploads or []
    errors = _validate(channel, category, title, body, applicant, kind, lat, lng, visibility, uploads)
    cleaned, upload_errors, photo_gps = _clean_uploads(uploads)
    errors.update(upload_errors)
    if errors:
        raise IntakeError(errors)
    # Validation is done and wrote nothing, so no savepoint is needed: inside a caller's transaction
    # a failure from here on fails that transaction (callers that go on after one, like the
    # exchange import, give each row its own atomic block).
    with transaction.atomic(savepoint=False):
        if lat is None and use_photo_location and photo_gps:
            lat, lng = photo_gps
        kind = kind or category.default_kind
        now = timezone.now()
        received_at = received_at or now
        if category.is_sensitive:
            visibility = Visibility.PRIVATE  # e.g. 불친절 신고 names staff: never public (issue 6)
        accept = auto_accept if auto_accept is not None else channel in AUTO_ACCEPT_CHANNELS
        calendar = deadlines.work_calendar()  # read once for both deadlines of this request
        c = Complaint(
            tracking_no=_next_tracking_no(received_at),
            kind=kind,
            period=category.period_for(kind),
            category=category,
            channel=channel,
            title=title.strip(),
            body=body.strip(),
            extra_answers=extra_answers or {},
            address=address.strip(),
            lat=lat,
            lng=lng,
            h3_cell=h3.latlng_to_cell(lat, lng, settings.MINWON_H3_RESOLUTION) if lat is not None else "",
            applicant=applicant.user if applicant.user and applicant.user.is_authenticated else None,
            applicant_name=applicant.name.strip(),
            applicant_phone=_normalise_phone(applicant.phone),
            applicant_email=applicant.email.strip().lower(),
            applicant_postal_address=applicant.postal_address.strip(),
            notify_channels=applicant.notify_channels,
            consent_personal_data=applicant.consent,
            consent_at=now if applicant.consent else None,
            visibility=visibility,
            status=Status.RECEIVED,
            received_at=received_at,
            routing_due_at=deadlines.routing_due(received_at, calendar=calendar),
            created_at=now,
            updated_at=now,
        )
        if accept:
            # 접수 at arrival, written with the row itself: what accept_complaint would write, without
            # reading the new row back (it has no pauses or extensions yet).
            c.status = Status.ACCEPTED
            c.accepted_at = c.clock_started_at = received_at
            c.due_at = deadlines.due_for_new(c, calendar=calendar)
        c.save(force_insert=True)
        for item in cleaned:
            _store_attachment(c, item, actor)
        events = [
            new_event(
                c,
                EventVerb.RECEIVED,
                actor=actor,
                public=True,
                at=received_at,
                status_after=Status.RECEIVED,
                data={"channel": channel, "attachments": len(cleaned)},
            )
        ]
        if accept:
            from .services import accepted_event

            events.append(accepted_event(None, c, status_before=Status.RECEIVED))
        record_all(events, defer=defer_followups)
        return c


def _validate(
    channel, category, title, body, applicant, kind, lat, lng, visibility, uploads
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = "접수 경로가 올바르지 않습니다."
    if category is None or not category.is_active:
        errors["category"] = "민원 유형을 선택해 주십시오."
    if not (title or "").strip():
        errors["title"] = "제목을 입력해 주십시오."
    elif len(title.strip()) > 200:
        errors["title"] = "제목은 200자 이내로 써 주십시오."
    if not (body or "").strip():
        errors["body"] = "내용을 입력해 주십시오."
    elif len(body) > 20000:
        errors["body"] = "내용은 20,000자 이내로 써 주십시오."
    if kind is not None and kind not in Kind.values:
        errors["kind"] = "민원 종류가 올바르지 않습니다."
    if visibility not in Visibility.values:
        errors["visibility"] = "공개 여부를 선택해 주십시오."
    if (lat is None) != (lng is None):
        errors["location"] = "위치는 위도와 경도를 함께 주어야 합니다."
    elif lat is not None and not (33.0 <= lat <= 38.9 and 124.5 <= lng <= 132.0):
        errors["location"] = "위치가 대한민국 범위를 벗어났습니다. 지도를 다시 확인해 주십시오."
    errors.update(_validate_applicant(applicant, channel))
    if len(uploads) > settings.MINWON_MAX_ATTACHMENTS:
        errors["uploads"] = f"첨부 파일은 {settings.MINWON_MAX_ATTACHMENTS}개까지 올릴 수 있습니다."
    return errors


def _validate_applicant(a: Applicant, channel: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if a.phone and not PHONE_RE.match(a.phone.strip()):
        errors["phone"] = "전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678"
    if a.email:
        try:
            validate_email(a.email.strip())
        except ValidationError:
            errors["email"] = "전자우편 주소 형식이 올바르지 않습니다."
    bad = [ch for ch in a.notify_channels if ch not in NotifyChannel.values]
    if bad:
        errors["notify_channels"] = "통지 수단이 올바르지 않습니다."
    needs = {
        NotifyChannel.SMS: a.phone,
        NotifyChannel.ALIMTALK: a.phone,
        NotifyChannel.EMAIL: a.email,
        NotifyChannel.LETTER: a.postal_address,
    }
    for ch in a.notify_channels:
        if ch in needs and not needs[NotifyChannel(ch)]:
            errors.setdefault(
                "notify_channels", f"{NotifyChannel(ch).label}(으)로 받으려면 연락처를 입력해 주십시오."
            )
    has_account = a.user is not None and getattr(a.user, "is_authenticated", False)
    staff_channel = channel in (Channel.FIELD, Channel.IMPORT)
    if not has_account and not staff_channel and not (a.phone or a.email or a.postal_address):
        errors["contact"] = "답변을 받을 전화번호나 전자우편 중 하나는 입력해 주십시오."
    if (a.phone or a.email or a.name) and not a.consent and not has_account:
        errors["consent"] = "개인정보 수집·이용에 동의해야 접수할 수 있습니다."
    return errors


def _clean_uploads(uploads: list[Upload]):
    cleaned: list[tuple[Upload, Any]] = []
    errors: dict[str, str] = {}
    gps = None
    for up in uploads:
        if len(up.data) > settings.MINWON_MAX_UPLOAD_BYTES:
            limit = settings.MINWON_MAX_UPLOAD_BYTES // (1024 * 1024)
            errors["uploads"] = f"'{up.name}' 파일이 너무 큽니다. 한 파일에 {limit}MB까지 올릴 수 있습니다."
            continue
        if is_pdf(up.data):
            cleaned.append((up, None))
            continue
        try:
            img = clean_image(up.data, max_side=settings.MINWON_MAX_IMAGE_SIDE)
        except ImageRejected as exc:
            errors["uploads"] = f"'{up.name}': {exc}"
            continue
        gps = gps or img.gps
        cleaned.append((up, img))
    return cleaned, errors, gps


def _store_attachment(c: Complaint, item, actor) -> Attachment:
    up, img = item
    stem = re.sub(r"[^\w.-]", "_", up.name.rsplit(".", 1)[0])[:60] or "file"
    if img is None:
        data, ctype, name, w, h = up.data, "application/pdf", f"{stem}.pdf", None, None
    else:
        data, ctype, name, w, h = img.data, img.content_type, f"{stem}.{img.extension}", img.width, img.height
    att = Attachment(
        complaint=c,
        original_name=up.name[:200],
        content_type=ctype,
        size=len(data),
        width=w,
        height=h,
        uploaded_by=actor,
    )
    att.file.save(name, ContentFile(data), save=False)
    att.save()
    return att


def _normalise_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return ""
    if len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if len(digits) == 10 and digits.startswith("02"):
        return f"{digits[:2]}-{digits[2:6]}-{digits[6:]}"
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return phone.strip()


def _next_tracking_no(received_at) -> str:
    """2026-0000123: a per-year sequence that never hands out one number twice across processes.

    On PostgreSQL a sequence per year (`nextval` takes no lock that lasts until commit, so parallel
    intakes do not queue behind each other; a rolled-back intake leaves a gap, which is fine for
    a reference number). Elsewhere a locked counter row; SQLite serialises writers anyway.
    """
    year = timezone.localtime(received_at).year
    if connection.vendor == "postgresql":
        return f"{year}-{_pg_next(year):07d}"
    TrackingCounter.objects.get_or_create(year=year)
    counter = TrackingCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}-{counter.last:07d}"


def _pg_next(year: int) -> int:
    name = f"complaints_tracking_{year}"
    with connection.cursor() as cur:
        cur.execute("SELECT nextval(to_regclass(%s))", [name])
        (value,) = cur.fetchone()
        if value is not None:
            return value
        # First 민원 of the year on this database: start after any number the counter table gave.
        last = TrackingCounter.objects.filter(year=year).values_list("last", flat=True).first() or 0
        try:
            with transaction.atomic():
                cur.execute(f'CREATE SEQUENCE IF NOT EXISTS "{name}" START {int(last) + 1}')
        except IntegrityError:
            pass  # another process created it at the same moment
        cur.execute("SELECT nextval(%s::regclass)", [name])
        return cur.fetchone()[0]
