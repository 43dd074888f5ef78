"""Every write of the exchange (STYLE §2): importing portal 민원, with a batch row as the audit.

Each row is its own savepoint: a bad row is reported (row number + Korean message) and the good
rows are imported. The portal's received time and due time are kept as they are: the national
portal already started the legal clock, so recomputing it here would move the citizen's due.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from minwon.complaints.choices import Channel, EventVerb
from minwon.complaints.choices import Status as S
from minwon.complaints.errors import ComplaintError, IntakeError
from minwon.complaints.events import record
from minwon.complaints.intake import Applicant, receive_complaint
from minwon.complaints.models import Category, Complaint
from minwon.complaints.services import accept_complaint, assign_department
from minwon.org.models import Department

from . import formats
from .models import ExternalRef, ImportBatch, Source

MAX_ROWS = 20_000


class RowError(ValueError):
    pass


def import_file(actor, *, name: str, data: bytes, fmt: str | None = None, source: str = "") -> ImportBatch:
    """Import one file; raises formats.FormatError when the file as a whole is unreadable."""
    fmt = fmt or formats.guess_format(name, data)
    rows = formats.read_rows(fmt, data)
    if len(rows) > MAX_ROWS:
        raise formats.FormatError(f"한 파일에 {MAX_ROWS:,}건까지 가져올 수 있습니다. 파일을 나눠 주십시오.")
    batch = ImportBatch.objects.create(
        file_name=name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        actor=actor,
        total=len(rows),
    )
    errors = []
    for number, row in enumerate(rows, start=1):
        try:
            with transaction.atomic():
                created = _import_row(actor, batch, row, default_source=source)
        except (RowError, ComplaintError) as exc:
            errors.append({"row": number, "ref": row.get("external_ref", ""), "message": _message(exc)})
            continue
        if created:
            batch.created += 1
        else:
            batch.skipped += 1
    batch.failed, batch.errors = len(errors), errors
    batch.save(update_fields=["created", "skipped", "failed", "errors"])
    return batch


def _message(exc: Exception) -> str:
    if isinstance(exc, IntakeError):
        return " ".join(exc.errors.values())
    return getattr(exc, "message", None) or str(exc)


def _import_row(actor, batch: ImportBatch, row: dict, *, default_source: str) -> bool:
    """True if created, False if this reference was imported before."""
    if row.get("_invalid"):
        raise RowError("각 항목은 JSON 객체여야 합니다.")
    missing = [c for c in formats.REQUIRED if not row.get(c)]
    if missing:
        raise RowError(f"꼭 있어야 할 값이 비어 있습니다: {', '.join(missing)}")
    source = row.get("source") or default_source or Source.EPEOPLE
    if source not in Source.values:
        raise RowError(f"source 는 {', '.join(Source.values)} 중 하나여야 합니다.")
    ref = row["external_ref"][:40]
    if ExternalRef.objects.filter(source=source, ref=ref).exists():
        return False
    received_at = _when(row["received_at"], "received_at")
    due_at = _when(row["due_at"], "due_at") if row.get("due_at") else None
    if due_at is not None and due_at < received_at:
        raise RowError("due_at 이 received_at 보다 앞섭니다.")
    category = Category.objects.filter(code=row["category"]).first()
    if category is None:
        raise RowError(f"민원 유형 코드 '{row['category'][:30]}' 가 없습니다.")
    department = None
    if row.get("department"):
        department = Department.objects.active().filter(code=row["department"]).first()
        if department is None:
            raise RowError(f"부서 코드 '{row['department'][:20]}' 가 없습니다.")
    c = receive_complaint(
        actor,
        channel=Channel.IMPORT,
        category=category,
        title=row["title"],
        body=row["body"],
        kind=row.get("kind") or None,
        address=row.get("address", ""),
        lat=_number(row.get("lat"), "lat"),
        lng=_number(row.get("lng"), "lng"),
        received_at=received_at,
        auto_accept=False,
        applicant=Applicant(
            name=row.get("applicant_name", ""),
            phone=row.get("applicant_phone", ""),
            email=row.get("applicant_email", ""),
            postal_address=row.get("applicant_postal_address", ""),
            # The portal collected the applicant's consent when they filed there.
            consent=True,
        ),
    )
    c = accept_with_portal_due(actor, c, due_at=due_at, source=source, ref=ref)
    if department is not None:
        assign_department(None, c, department, note=f"{Source(source).label} 지정 부서")
    try:
        with transaction.atomic():
            ExternalRef.objects.create(source=source, ref=ref, complaint=c, batch=batch)
    except IntegrityError:
        # A concurrent import of the same file got there first: undo this row's 민원.
        raise _Duplicate() from None
    return True


class _Duplicate(RowError):
    def __init__(self):
        super().__init__("같은 연계 민원번호를 다른 가져오기가 동시에 넣었습니다. 다시 가져오면 건너뜁니다.")


@transaction.atomic
def accept_with_portal_due(
    actor, c: Complaint, *, due_at: datetime | None, source: str, ref: str
) -> Complaint:
    """접수 at the portal's received time; its due time kept when given (else computed as usual)."""
    if due_at is None:
        return accept_complaint(None, c, at=c.received_at)
    before = c.status
    c.status = S.ACCEPTED
    c.accepted_at = c.received_at
    c.clock_started_at = c.received_at
    c.due_at = due_at
    c.updated_at = timezone.now()
    c.save(update_fields=["status", "accepted_at", "clock_started_at", "due_at", "updated_at"])
    record(
        c,
        EventVerb.ACCEPTED,
        actor=actor,
        public=True,
        status_before=before,
        at=c.received_at,
        data={"due_at": due_at.isoformat(), "due_from": source, "external_ref": ref},
    )
    return c


def _when(raw: str, name: str) -> datetime:
    try:
        dt = parse_datetime(raw.replace(" ", "T", 1) if len(raw) > 10 else raw)
    except ValueError:
        dt = None
    if dt is None:
        raise RowError(f"{name} 는 2026-11-23T09:30:00+09:00 형식이어야 합니다 (받은 값: {raw[:30]}).")
    return timezone.make_aware(dt) if timezone.is_naive(dt) else dt


def _number(raw: str | None, name: str) -> float | None:
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise RowError(f"{name} 는 숫자여야 합니다.") from None


# --- export ---------------------------------------------------------------------------------------


def export_rows(*, since: datetime | None = None, source: str = "") -> list[dict]:
    """Results to send back: every imported 민원 (answered or not), oldest first."""
    refs = ExternalRef.objects.select_related("complaint__department").order_by("imported_at", "pk")
    if source:
        refs = refs.filter(source=source)
    if since is not None:
        refs = refs.filter(complaint__updated_at__gte=since)
    rows = []
    for r in refs.iterator(chunk_size=500):
        c = r.complaint
        rows.append(
            {
                "source": r.source,
                "external_ref": r.ref,
                "tracking_no": c.tracking_no,
                "status": c.status,
                "status_label": S(c.status).label,
                "department": c.department.name if c.department else "",
                "answer": c.answer,
                "answered_at": _iso(c.answered_at),
                "closed_at": _iso(c.closed_at),
            }
        )
    return rows


def _iso(dt) -> str:
    return timezone.localtime(dt).isoformat(timespec="seconds") if dt else ""
