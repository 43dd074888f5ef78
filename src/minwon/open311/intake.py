"""POST requests: a GeoReport service request becomes one `receive_complaint` (channel api).

The Open311 client collected the applicant's consent to pass on their contact (the token's
terms say so; docs/api.md); the spec has no consent field, so contact given here counts as
consented.
"""

from __future__ import annotations

from django.db import transaction

from minwon.api.services import record_submission
from minwon.complaints.choices import Channel, NotifyChannel
from minwon.complaints.errors import IntakeError
from minwon.complaints.intake import Applicant, receive_complaint
from minwon.complaints.models import Category


class Open311Rejected(ValueError):
    def __init__(self, description: str):
        super().__init__(description)
        self.description = description


def _float(raw: str | None, name: str) -> float | None:
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Rejected(f"{name} 는 숫자여야 합니다.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Open311Rejected(f"{name} 는 숫자여야 합니다.")
    return value


def submit(token, post):
    if any("\x00" in v for values in post.lists() for v in values[1]):
        raise Open311Rejected("입력에 허용되지 않는 문자(NUL)가 있습니다.")
    code = (post.get("service_code") or "").strip()
    cat = Category.objects.filter(code=code, is_active=True).first() if code else None
    if cat is None:
        raise Open311Rejected("service_code 가 없거나 알 수 없는 값입니다.")
    lat, lng = _float(post.get("lat"), "lat"), _float(post.get("long"), "long")
    address = (post.get("address_string") or "").strip()[:200]
    if lat is None and not address:
        raise Open311Rejected("위치(lat·long) 또는 address_string 중 하나는 보내야 합니다.")
    description = (post.get("description") or "").strip()
    answers = {}
    for q in cat.extra_questions or []:
        value = (post.get(f"attribute[{q.get('key')}]") or "").strip()
        if value:
            answers[q["key"]] = value[:500]
        elif q.get("required"):
            raise Open311Rejected(f"attribute[{q.get('key')}] ({q.get('label')}) 는 꼭 보내야 합니다.")
    email, phone = (post.get("email") or "").strip(), (post.get("phone") or "").strip()
    name = " ".join(
        p for p in ((post.get("last_name") or "").strip(), (post.get("first_name") or "").strip()) if p
    )
    channels: list[str] = [
        str(ch) for ch, have in ((NotifyChannel.SMS, phone), (NotifyChannel.EMAIL, email)) if have
    ]
    title = description.splitlines()[0][:60] if description else cat.name
    try:
        with transaction.atomic():
            c = receive_complaint(
                token.user,
                channel=Channel.API,
                category=cat,
                title=title or cat.name,
                body=description,
                address=address,
                lat=lat,
                lng=lng,
                extra_answers=answers,
                applicant=Applicant(
                    name=name[:50],
                    phone=phone,
                    email=email,
                    notify_channels=channels,
                    consent=bool(phone or email or name),
                ),
            )
            return record_submission(token, c)
    except IntakeError as exc:
        raise Open311Rejected(" ".join(exc.errors.values())) from None
