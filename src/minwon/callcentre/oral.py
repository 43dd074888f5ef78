"""구술민원: a 민원 the desk or an agent writes for a visitor or caller who cannot write it.

Chosen rule (DESIGN §2 status flow, 영 제6조 구술·전화 민원의 확인): the draft is *not* a 민원 yet.
Only when the citizen confirms the text — a one-time code sent by SMS and read back to the
clerk, or "내용이 맞습니다" (with an optional signature) on the counter tablet — does it go through
`receive_complaint`: arrival (`received_at`) is when the clerk wrote it, and 접수 (`accepted_at`,
the start of the legal clock) is the moment of confirmation. So an unconfirmed draft never sits
in the desk queue with a running routing clock, and the desk cannot 접수 it by mistake.
"""

from __future__ import annotations

import io
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from minwon.accounts.models import Role
from minwon.complaints import access as complaint_access
from minwon.complaints import services as complaint_services
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import Channel, NotifyChannel
from minwon.complaints.errors import ComplaintError, IntakeError
from minwon.complaints.intake import Applicant, receive_complaint
from minwon.lib.masking import mask_phone
from minwon.notify.choices import Audience
from minwon.notify.choices import Channel as MsgChannel
from minwon.notify.models import Message

from .models import ConfirmMethod, OralComplaint, OralEvent, OralStatus
from .phones import normalise

ORAL_ROLES = (Role.DESK, Role.AGENT, Role.ADMIN)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 300_000


class OralError(ComplaintError):
    pass


def code_minutes() -> int:
    return getattr(settings, "MINWON_ORAL_CODE_MINUTES", 5)


def max_attempts() -> int:
    return getattr(settings, "MINWON_ORAL_CODE_MAX_ATTEMPTS", 5)


def max_sends() -> int:
    return getattr(settings, "MINWON_ORAL_CODE_MAX_SENDS", 5)


def check_writer(actor) -> None:
    if not (actor and actor.is_authenticated and actor.has_role(*ORAL_ROLES)):
        raise AccessDenied("민원팀 직원과 120 상담사만 구술민원을 작성할 수 있습니다.")


def _event(oral: OralComplaint, verb: str, actor, **data) -> OralEvent:
    return OralEvent.objects.create(oral=oral, actor=actor, verb=verb, data=data)


@transaction.atomic
def write_oral(
    actor,
    *,
    oral_type,
    category,
    title: str,
    body: str,
    name: str,
    phone: str,
    consent: bool,
    address: str = "",
    channel: str = Channel.VISIT,
) -> OralComplaint:
    check_writer(actor)
    errors: dict[str, str] = {}
    if not (title or "").strip():
        errors["title"] = "제목을 입력해 주십시오."
    if not (body or "").strip():
        errors["body"] = "민원인이 말한 내용을 적어 주십시오."
    if not (name or "").strip():
        errors["name"] = "민원인 이름을 입력해 주십시오."
    phone_n = normalise(phone)
    if not phone_n:
        errors["phone"] = "확인 문자와 결과를 받을 전화번호를 입력해 주십시오. 예: 010-1234-5678"
    if not consent:
        errors["consent"] = "민원인에게 개인정보 수집·이용 동의를 받아 주십시오."
    if channel not in (Channel.VISIT, Channel.CALL):
        errors["channel"] = "접수 경로가 올바르지 않습니다."
    if errors:
        raise IntakeError(errors)
    oral = OralComplaint.objects.create(
        written_by=actor,
        channel=channel,
        oral_type=oral_type,
        category=category,
        title=title.strip()[:200],
        body=body.strip(),
        address=(address or "").strip()[:200],
        applicant_name=name.strip()[:50],
        applicant_phone=phone_n,
        consent=True,
    )
    _event(oral, "written", actor, channel=channel)
    return oral


def _hash(oral: OralComplaint, code: str) -> str:
    return salted_hmac("minwon.oral.code", f"{oral.pk}:{code}").hexdigest()


def _lock(oral: OralComplaint | int) -> OralComplaint:
    pk = oral if isinstance(oral, int) else oral.pk
    o = OralComplaint.objects.select_for_update().get(pk=pk)
    if o.status != OralStatus.PENDING:
        raise OralError("이미 확인되었거나 취소된 구술민원입니다.", field="code")
    return o


@transaction.atomic
def send_code(actor, oral: OralComplaint | int) -> OralComplaint:
    """A fresh 6-digit code by SMS through the outbox; the previous code stops working."""
    check_writer(actor)
    o = _lock(oral)
    if o.codes_sent >= max_sends():
        raise OralError("인증번호를 너무 여러 번 보냈습니다. 창구 태블릿으로 확인해 주십시오.", field="code")
    code = f"{secrets.randbelow(1_000_000):06d}"
    now = timezone.now()
    o.code_hash = _hash(o, code)
    o.code_sent_at, o.code_expires_at = now, now + timedelta(minutes=code_minutes())
    o.code_attempts = 0
    o.codes_sent += 1
    o.save(update_fields=["code_hash", "code_sent_at", "code_expires_at", "code_attempts", "codes_sent"])
    group = f"oral_code:{o.pk}:{o.codes_sent}"
    Message.objects.create(
        audience=Audience.APPLICANT,
        channel=MsgChannel.SMS,
        recipient=o.applicant_phone,
        recipient_name=o.applicant_name,
        body=(
            f"[{settings.MINWON_CITY_NAME}] 구술민원 '{o.title[:20]}' 확인 인증번호 {code} "
            f"({code_minutes()}분 안에 담당 직원에게 알려 주십시오)"
        ),
        group_key=group,
        dedupe_key=f"{group}:sms",
    )
    _event(o, "code_sent", actor, to=mask_phone(o.applicant_phone), n=o.codes_sent)
    return o


def confirm_with_code(actor, oral: OralComplaint | int, code: str) -> OralComplaint:
    """Check the code the citizen read out; wrong tries are counted even though they raise."""
    check_writer(actor)
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    with transaction.atomic():
        o = _lock(oral)
        problem = _code_problem(o, code)
        if problem is None:
            return _finalise(actor, o, ConfirmMethod.SMS_CODE)
        if problem.startswith("wrong"):
            o.code_attempts += 1
            o.save(update_fields=["code_attempts"])
        _event(o, "code_failed", actor, why=problem.split(":")[0], attempts=o.code_attempts)
    raise OralError(_message(problem, o), field="code")


def _code_problem(o: OralComplaint, code: str) -> str | None:
    if not o.code_hash:
        return "not_sent"
    if o.code_attempts >= max_attempts():
        return "locked"
    if timezone.now() > o.code_expires_at:  # type: ignore[operator]
        return "expired"
    if len(code) != 6:
        return "wrong:format"
    if not constant_time_compare(_hash(o, code), o.code_hash):
        return "wrong"
    return None


def _message(problem: str, o: OralComplaint) -> str:
    if problem == "not_sent":
        return "먼저 인증번호를 보내 주십시오."
    if problem == "locked":
        return "인증번호를 여러 번 잘못 입력했습니다. 새 인증번호를 보내 주십시오."
    if problem == "expired":
        return "인증번호의 유효 시간이 지났습니다. 새 인증번호를 보내 주십시오."
    left = max_attempts() - o.code_attempts
    if left <= 0:
        return "인증번호를 여러 번 잘못 입력했습니다. 새 인증번호를 보내 주십시오."
    if problem == "wrong:format":
        return f"인증번호 6자리 숫자를 입력해 주십시오. (남은 입력 횟수 {left}회)"
    return f"인증번호가 맞지 않습니다. (남은 입력 횟수 {left}회)"


@transaction.atomic
def confirm_on_tablet(
    actor, oral: OralComplaint | int, *, signature_png: bytes | None = None
) -> OralComplaint:
    """The citizen read the text on the counter tablet and pressed "내용이 맞습니다"."""
    check_writer(actor)
    o = _lock(oral)
    if signature_png:
        _check_png(signature_png)
        o.signature.save(f"{o.pk}-signature.png", ContentFile(signature_png), save=False)
        o.save(update_fields=["signature"])
    return _finalise(actor, o, ConfirmMethod.TABLET)


def _check_png(data: bytes) -> None:
    if len(data) > MAX_SIGNATURE_BYTES or not data.startswith(PNG_MAGIC):
        raise OralError("서명 이미지를 읽을 수 없습니다. 다시 서명해 주십시오.", field="signature")
    from PIL import Image

    try:
        Image.open(io.BytesIO(data)).verify()
    except Exception:
        raise OralError("서명 이미지를 읽을 수 없습니다. 다시 서명해 주십시오.", field="signature") from None


def _finalise(actor, o: OralComplaint, method: str) -> OralComplaint:
    """Now it is the citizen's 민원: file it, 접수 it (the clock starts), note who wrote and how confirmed."""
    c = receive_complaint(
        actor,
        channel=o.channel,
        category=o.category,
        title=o.title,
        body=o.body,
        address=o.address,
        applicant=Applicant(
            name=o.applicant_name,
            phone=o.applicant_phone,
            notify_channels=[NotifyChannel.SMS],
            consent=o.consent,
        ),
        received_at=o.created_at,
        auto_accept=False,
        extra_answers={"구술민원 종류": o.oral_type.name},
    )
    # 접수 by the clerk when the desk may accept, else by the system on the citizen's confirmation.
    acceptor = actor if complaint_access.may_act(actor, c, "accept") else None
    c = complaint_services.accept_complaint(acceptor, c)
    method_label = ConfirmMethod(method).label
    complaint_services.add_note(
        actor,
        c,
        body=f"구술민원: {o.written_by}이(가) 작성, 민원인이 {method_label}(으)로 내용을 확인함"
        + (" (서명 있음)" if o.signature else ""),
    )
    now = timezone.now()
    o.status, o.confirmed_at, o.confirm_method, o.complaint = OralStatus.CONFIRMED, now, method, c
    o.code_hash = ""
    o.save(update_fields=["status", "confirmed_at", "confirm_method", "complaint", "code_hash"])
    _event(o, "confirmed", actor, method=method, complaint=c.pk, tracking_no=c.tracking_no)
    return o


@transaction.atomic
def cancel_oral(actor, oral: OralComplaint | int, *, reason: str) -> OralComplaint:
    check_writer(actor)
    o = _lock(oral)
    if not (reason or "").strip():
        raise OralError("취소 사유를 적어 주십시오.", field="reason")
    o.status = OralStatus.CANCELLED
    o.code_hash = ""
    o.save(update_fields=["status", "code_hash"])
    _event(o, "cancelled", actor, reason=reason.strip()[:200])
    return o
