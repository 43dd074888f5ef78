"""Every write of the field-observation app (STYLE §2).

`file_report` turns one phone report into a 민원 through `receive_complaint` (channel `field`), so
it gets the same tracking number, clock, timeline and notices as every other 민원, then routes it
straight to the department its quick category names. The phone's UUID makes a retried send
harmless: the second call finds the first report and returns it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from minwon.complaints import services as complaint_services
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import Channel
from minwon.complaints.errors import IntakeError
from minwon.complaints.intake import Applicant, Upload, receive_complaint
from minwon.complaints.models import Category

from . import defaults
from .models import FieldCategory, FieldEvent, FieldEventVerb, FieldReport, LocationSource

TITLE_MAX = 200
# A phone's clock may be wrong, and an offline report may wait a while: trust its time only so far.
MAX_OFFLINE_AGE = timedelta(days=14)


@dataclass(frozen=True)
class Filed:
    report: FieldReport
    created: bool  # False: this UUID was already filed (a retried send)


def may_file(user) -> bool:
    """Any employee may report (행정종합관찰제 is for all staff, not only role `staff`)."""
    return bool(user and user.is_authenticated and user.is_staff_member)


def file_report(
    reporter,
    *,
    client_id: str | uuid.UUID,
    field_category: FieldCategory | None,
    text: str,
    photos: list[Upload] | None = None,
    lat: float | None = None,
    lng: float | None = None,
    accuracy_m: float | None = None,
    observed_at: datetime | None = None,
    received_at: datetime | None = None,
) -> Filed:
    """File one observation; idempotent on `client_id`. Raises IntakeError with Korean messages."""
    if not may_file(reporter):
        raise AccessDenied("현장 보고는 직원만 할 수 있습니다.")
    key = _parse_uuid(client_id)
    existing = _existing(reporter, key)
    if existing is not None:
        return Filed(existing, created=False)
    errors = _validate(field_category, text)
    if errors:
        raise IntakeError(errors)
    assert field_category is not None
    try:
        with transaction.atomic():
            report = _create(
                reporter,
                key,
                field_category,
                text.strip(),
                photos or [],
                lat,
                lng,
                accuracy_m,
                observed_at,
                received_at,
            )
    except IntegrityError:
        # The same UUID arrived twice at once (two tabs, or the service worker and the page).
        existing = _existing(reporter, key)
        if existing is None:
            raise
        return Filed(existing, created=False)
    return Filed(report, created=True)


def _parse_uuid(value) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise IntakeError(
            {"client_id": "보고 식별자가 올바르지 않습니다. 화면을 새로 고친 뒤 다시 보내 주십시오."}
        ) from None


def _existing(reporter, key: uuid.UUID) -> FieldReport | None:
    report = FieldReport.objects.select_related("complaint").filter(client_id=key).first()
    if report is None:
        return None
    if report.reporter_id != reporter.pk:
        # A UUID is a random 122-bit number: a clash with someone else's means tampering.
        raise IntakeError({"client_id": "이미 다른 사람이 쓴 보고 식별자입니다."})
    FieldEvent.objects.create(actor=reporter, verb=FieldEventVerb.RESENT, report=report)
    return report


def _validate(field_category, text: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if field_category is None or not field_category.is_active:
        errors["field_category"] = "분류를 하나 골라 주십시오."
    text = (text or "").strip()
    if not text:
        errors["text"] = "무엇을 보았는지 한 줄로 적어 주십시오."
    elif len(text) > TITLE_MAX:
        errors["text"] = f"{TITLE_MAX}자 이내로 적어 주십시오."
    return errors


def _create(reporter, key, fc, text, photos, lat, lng, accuracy_m, observed_at, received_at) -> FieldReport:
    dept = _home_department(reporter)
    complaint = receive_complaint(
        reporter,
        channel=Channel.FIELD,
        category=fc.category,
        title=text,
        body=_body(text, reporter, dept, fc),
        applicant=Applicant(user=reporter),
        lat=lat,
        lng=lng,
        uploads=photos,
        # Phone GPS first; a photo's own EXIF position only when the phone had none (then the
        # stored photo has it stripped like every upload).
        use_photo_location=True,
        received_at=received_at,
    )
    source = LocationSource.NONE
    if lat is not None:
        source = LocationSource.DEVICE
    elif complaint.lat is not None:
        source = LocationSource.PHOTO
    target = fc.routing_department()
    if target is not None and complaint.department_id is None:
        complaint = complaint_services.assign_department(
            None, complaint, target, note=f"행정종합관찰 '{fc.label}' 분류에 따라 바로 배정"
        )
    report = FieldReport.objects.create(
        client_id=key,
        reporter=reporter,
        reporter_department=dept,
        complaint=complaint,
        field_category=fc,
        observed_at=_plausible(observed_at, received_at or complaint.received_at),
        location_source=source,
        location_accuracy_m=accuracy_m if source == LocationSource.DEVICE else None,
        created_at=complaint.received_at,
    )
    FieldEvent.objects.create(
        actor=reporter,
        verb=FieldEventVerb.FILED,
        report=report,
        field_category=fc,
        at=complaint.received_at,
        data={"complaint_id": complaint.pk, "department_id": complaint.department_id, "location": source},
    )
    return report


def _home_department(user):
    membership = user.memberships.filter(ended_at__isnull=True).select_related("department").first()
    return membership.department if membership else None


def _body(text: str, reporter, dept, fc: FieldCategory) -> str:
    who = f"{reporter} ({dept.name})" if dept else str(reporter)
    return f"{text}\n\n— 행정종합관찰 현장 보고 · 분류 {fc.label} · 보고자 {who}"


def _plausible(observed_at: datetime | None, received_at: datetime) -> datetime | None:
    if observed_at is None or timezone.is_naive(observed_at):
        return None
    if observed_at > received_at or received_at - observed_at > MAX_OFFLINE_AGE:
        return None
    return observed_at


# --- quick categories --------------------------------------------------------------------------


@transaction.atomic
def save_field_category(actor, fc: FieldCategory, *, changed: list[str] | None = None) -> FieldCategory:
    """Create or change a quick-pick button (from the admin), with an audit row."""
    created = fc.pk is None
    fc.save()
    FieldEvent.objects.create(
        actor=actor,
        verb=FieldEventVerb.CATEGORY_SAVED,
        field_category=fc,
        data={
            "created": created,
            "changed": changed or [],
            "label": fc.label,
            "category": fc.category.code,
            "department_id": fc.department_id,
            "route_directly": fc.route_directly,
            "is_active": fc.is_active,
        },
    )
    return fc


@transaction.atomic
def install_default_categories(*, actor=None) -> int:
    """The buttons of `defaults.FIELD_CATEGORIES` that are missing and whose 민원 유형 exists."""
    have = set(FieldCategory.objects.values_list("label", flat=True))
    cats = {c.code: c for c in Category.objects.filter(code__in=[d[1] for d in defaults.FIELD_CATEGORIES])}
    made = 0
    for order, (label, code, direct) in enumerate(defaults.FIELD_CATEGORIES, start=1):
        if label in have or code not in cats:
            continue
        fc = FieldCategory(label=label, category=cats[code], route_directly=direct, sort_order=order * 10)
        save_field_category(actor, fc)
        made += 1
    return made
