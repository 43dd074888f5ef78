"""Every write of the open board, one named function each, each leaving a `BoardEvent`.

Posts that ask for action become a 민원 through `complaints.intake.receive_complaint` (channel
board); the 민원's own lifecycle then runs through `complaints.services` like any other. Errors are
`BoardError` with a Korean message per field, so a form can show them next to what was typed.
"""

from __future__ import annotations

import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from minwon.accounts.models import Role, RoleGrant, User
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import Channel, NotifyChannel, Visibility
from minwon.complaints.errors import IntakeError
from minwon.complaints.intake import PHONE_RE, Applicant, Upload, receive_complaint
from minwon.complaints.models import Category
from minwon.complaints.services import assign_department
from minwon.lib.images import ImageRejected, blur_region, clean_image
from minwon.lib.masking import mask_email, mask_phone
from minwon.notify.choices import Audience
from minwon.notify.choices import Channel as NotifyVia
from minwon.notify.models import Message

from . import access, privacy
from .choices import ACTION_TAGS, BoardVerb, PhotoState, PostState, ReportState, Tag, VerifyChannel
from .models import (
    AbuseReport,
    BoardEvent,
    Member,
    Post,
    PostPhoto,
    PostRevision,
    Reply,
    Support,
    VerificationCode,
)

MAX_PHOTOS = 5
MAX_CODE_ATTEMPTS = 5


class BoardError(Exception):
    """Refused input or action; `errors` maps a field name (or "__all__") to a Korean sentence."""

    def __init__(self, errors: dict[str, str] | str):
        self.errors = errors if isinstance(errors, dict) else {"__all__": errors}
        super().__init__("; ".join(self.errors.values()))


def record(verb: str, *, actor=None, post: Post | None = None, **data) -> BoardEvent:
    return BoardEvent.objects.create(
        post=post, actor=actor if actor and actor.pk else None, verb=verb, data=data
    )


def _require_moderator(actor) -> None:
    if not access.is_moderator(actor):
        raise AccessDenied("민원팀 또는 관리자만 할 수 있습니다.")


# --- sign-up by a one-time code --------------------------------------------------------------------


def normalise_address(raw: str) -> tuple[str, str]:
    """("email", "hong@example.com") or ("sms", "010-1234-5678"); BoardError if neither."""
    raw = (raw or "").strip()
    if "@" in raw:
        try:
            validate_email(raw)
        except ValidationError:
            raise BoardError(
                {"address": "전자우편 주소 형식이 올바르지 않습니다. 예: hong@example.com"}
            ) from None
        return VerifyChannel.EMAIL, raw.lower()
    digits = re.sub(r"\D", "", raw)
    if not digits.startswith("01") or not PHONE_RE.match(digits):
        raise BoardError({"address": "휴대전화 번호(예: 010-1234-5678)나 전자우편 주소를 입력해 주십시오."})
    return VerifyChannel.SMS, f"{digits[:3]}-{digits[3:-4]}-{digits[-4:]}"


def _code_hash(address: str, code: str) -> str:
    return salted_hmac("minwon.board.verification", f"{address}:{code}").hexdigest()


@transaction.atomic
def send_code(raw_address: str) -> VerificationCode:
    """Queue a six-digit code to the address through the outbox (the dev outbox page shows it)."""
    channel, address = normalise_address(raw_address)
    now = timezone.now()
    recent = VerificationCode.objects.filter(
        address=address, created_at__gte=now - timedelta(hours=1)
    ).count()
    if recent >= settings.MINWON_BOARD_CODES_PER_HOUR:
        raise BoardError(
            {"address": "인증번호를 너무 여러 번 요청했습니다. 한 시간 뒤에 다시 시도해 주십시오."}
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    minutes = settings.MINWON_BOARD_CODE_MINUTES
    row = VerificationCode.objects.create(
        channel=channel,
        address=address,
        code_hash=_code_hash(address, code),
        expires_at=now + timedelta(minutes=minutes),
    )
    city = settings.MINWON_CITY_NAME
    text = f"[{city} 민원소통방] 인증번호 {code} ({minutes}분 안에 입력해 주십시오)"
    group = f"board-code:{row.pk}"
    Message.objects.create(
        audience=Audience.APPLICANT,
        channel=NotifyVia.EMAIL if channel == VerifyChannel.EMAIL else NotifyVia.SMS,
        recipient=address,
        subject=f"[{city} 민원소통방] 가입 인증번호",
        body=text + "\n\n요청하지 않았다면 이 메시지를 무시하셔도 됩니다.",
        context={"board_code": True},
        group_key=group,
        dedupe_key=f"{group}:{channel}",
    )
    shown = mask_email(address) if channel == VerifyChannel.EMAIL else mask_phone(address)
    record(BoardVerb.CODE_SENT, channel=channel, address=shown)
    return row


def verify_code(code_id: int, code: str, *, nickname: str = "") -> User:
    """Check the code; return the member's account, creating it (role citizen) on first sign-up.

    A wrong code is counted even though the call fails, so the count is saved before raising.
    """
    with transaction.atomic():
        row = VerificationCode.objects.select_for_update().filter(pk=code_id).first()
        problem = _code_problem(row, code, nickname)
        if problem:
            if row is not None and row.used_at is None:
                row.save(update_fields=["attempts"])
        else:
            return _sign_in(row, nickname.strip())  # type: ignore[arg-type]
    raise BoardError(problem)


def _code_problem(row: VerificationCode | None, code: str, nickname: str) -> dict[str, str]:
    if row is None or row.used_at is not None or row.expires_at < timezone.now():
        return {"code": "인증번호가 만료되었습니다. 인증번호를 다시 받아 주십시오."}
    if row.attempts >= MAX_CODE_ATTEMPTS:
        return {"code": "인증번호를 여러 번 틀렸습니다. 인증번호를 다시 받아 주십시오."}
    row.attempts += 1
    if not hmac.compare_digest(row.code_hash, _code_hash(row.address, (code or "").strip())):
        return {
            "code": f"인증번호가 맞지 않습니다. {MAX_CODE_ATTEMPTS - row.attempts}번 더 입력할 수 있습니다."
        }
    nickname = (nickname or "").strip()
    if not nickname and not Member.objects.filter(address=row.address).exists():
        return {"nickname": "게시판에 보일 별명을 입력해 주십시오."}
    if len(nickname) > 30:
        return {"nickname": "별명은 30자 이내로 써 주십시오."}
    return {}


def _sign_in(row: VerificationCode, nickname: str) -> User:
    row.used_at = timezone.now()
    row.save(update_fields=["attempts", "used_at"])
    member = Member.objects.select_related("user").filter(address=row.address).first()
    if member is None:
        user = User.objects.create_user(
            username=f"board-{uuid.uuid4().hex[:12]}",
            password=None,
            display_name=nickname,
            email=row.address if row.channel == VerifyChannel.EMAIL else "",
            phone=row.address if row.channel == VerifyChannel.SMS else "",
        )
        RoleGrant.objects.create(user=user, role=Role.CITIZEN)
        member = Member.objects.create(user=user, nickname=nickname, channel=row.channel, address=row.address)
    elif nickname and nickname != member.nickname:
        member.nickname = nickname
        member.save(update_fields=["nickname"])
    record(BoardVerb.VERIFIED, actor=member.user, channel=row.channel)
    return member.user


# --- posts ---------------------------------------------------------------------------------------------


@dataclass
class PostInput:
    tag: str
    title: str
    body: str
    address: str = ""
    lat: float | None = None
    lng: float | None = None
    category: Category | None = None


def _check_limit(user) -> None:
    if access.is_moderator(user):
        return
    since = timezone.now() - timedelta(days=1)
    if Post.objects.filter(author=user, created_at__gte=since).count() >= settings.MINWON_BOARD_POSTS_PER_DAY:
        raise BoardError(
            f"글은 하루에 {settings.MINWON_BOARD_POSTS_PER_DAY}개까지 올릴 수 있습니다. "
            "내일 다시 올려 주십시오."
        )


def _check_reply_limit(user) -> None:
    # Staff answer as many posts as they need; a citizen's replies are limited like their posts.
    if user.is_staff_member:
        return
    since = timezone.now() - timedelta(days=1)
    limit = settings.MINWON_BOARD_REPLIES_PER_DAY
    if Reply.objects.filter(author=user, created_at__gte=since).count() >= limit:
        raise BoardError({"body": f"답글은 하루에 {limit}개까지 쓸 수 있습니다. 내일 다시 써 주십시오."})


def _validate(data: PostInput, uploads: list[Upload]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.tag not in Tag.values:
        errors["tag"] = "말머리를 하나 골라 주십시오."
    title, body = (data.title or "").strip(), (data.body or "").strip()
    if not title:
        errors["title"] = "제목을 입력해 주십시오."
    elif len(title) > 200:
        errors["title"] = "제목은 200자 이내로 써 주십시오."
    if not body:
        errors["body"] = "내용을 입력해 주십시오."
    elif len(body) > 10000:
        errors["body"] = "내용은 10,000자 이내로 써 주십시오."
    if (data.lat is None) != (data.lng is None):
        errors["location"] = "위치는 위도와 경도를 함께 주어야 합니다."
    elif data.lat is not None and not (33.0 <= data.lat <= 38.9 and 124.5 <= data.lng <= 132.0):  # type: ignore[operator]
        errors["location"] = "위치가 대한민국 범위를 벗어났습니다. 지도를 다시 확인해 주십시오."
    if len(uploads) > MAX_PHOTOS:
        errors["photos"] = f"사진은 {MAX_PHOTOS}장까지 올릴 수 있습니다."
    return errors


def _clean_photos(uploads: list[Upload]):
    cleaned, errors = [], {}
    for up in uploads:
        if len(up.data) > settings.MINWON_MAX_UPLOAD_BYTES:
            errors["photos"] = f"'{up.name}' 파일이 너무 큽니다."
            continue
        try:
            cleaned.append(clean_image(up.data, max_side=settings.MINWON_MAX_IMAGE_SIDE))
        except ImageRejected as exc:
            errors["photos"] = f"'{up.name}': {exc}"
    return cleaned, errors


@transaction.atomic
def create_post(author, data: PostInput, uploads: list[Upload] | None = None) -> Post:
    """Publish a post; an action tag also files it as a 민원 (unless the desk must pick the category)."""
    if not (author and author.is_authenticated):
        raise AccessDenied("글을 쓰려면 먼저 본인 확인(가입)을 해 주십시오.")
    uploads = uploads or []
    errors = _validate(data, uploads)
    cleaned, photo_errors = _clean_photos(uploads)
    errors.update(photo_errors)
    if errors:
        raise BoardError(errors)
    _check_limit(author)
    reason = privacy.private_reason(title=data.title, body=data.body, category=data.category)
    post = Post.objects.create(
        author=author,
        tag=data.tag,
        title=data.title.strip(),
        body=data.body.strip(),
        address=(data.address or "").strip()[:200],
        area=privacy.area_of(data.address),
        lat=data.lat,
        lng=data.lng,
        is_private=bool(reason),
        private_reason=reason,
    )
    state = PhotoState.PENDING if settings.MINWON_BOARD_PHOTO_REVIEW else PhotoState.SHOWN
    for i, img in enumerate(cleaned, start=1):
        photo = PostPhoto(
            post=post, content_type=img.content_type, width=img.width, height=img.height, state=state
        )
        photo.file.save(f"photo{i}.{img.extension}", ContentFile(img.data), save=False)
        photo.save()
    record(
        BoardVerb.POSTED, actor=author, post=post, tag=post.tag, private=post.is_private, photos=len(cleaned)
    )
    if post.tag in ACTION_TAGS:
        category = data.category or _default_category(post.tag)
        if category is not None:
            _file_complaint(author, post, category)
    return post


def _default_category(tag: str) -> Category | None:
    code = settings.MINWON_BOARD_TAG_CATEGORIES.get(tag, "")
    return Category.objects.filter(code=code, is_active=True).first() if code else None


def _applicant(post: Post) -> Applicant:
    member = getattr(post.author, "board_member", None)
    phone, email = post.author.phone, post.author.email
    channels: list[str] = []
    if email:
        channels.append(NotifyChannel.EMAIL)
    if phone:
        channels.append(NotifyChannel.SMS)
    name = member.nickname if member else post.author.display_name
    return Applicant(
        user=post.author, name=name[:50], phone=phone, email=email, notify_channels=channels, consent=True
    )


def _upload_of(photo: PostPhoto) -> Upload:
    # The 민원 gets the original (staff see it whole); the board shows only the reviewed copy.
    with photo.file.open("rb") as fh:
        return Upload((photo.file.name or "photo").rsplit("/", 1)[-1], fh.read(), photo.content_type)


def _file_complaint(actor, post: Post, category: Category):
    uploads = [_upload_of(p) for p in post.photos.all()]
    try:
        complaint = receive_complaint(
            actor,
            channel=Channel.BOARD,
            category=category,
            title=post.title,
            body=post.body,
            applicant=_applicant(post),
            address=post.address,
            lat=post.lat,
            lng=post.lng,
            visibility=Visibility.PRIVATE if post.is_private else Visibility.PUBLIC,
            uploads=uploads,
        )
    except IntakeError as err:
        raise BoardError(err.errors) from err
    post.complaint = complaint
    fields = ["complaint"]
    if category.is_sensitive and not post.is_private:
        post.is_private, post.private_reason = True, f"'{category.name}' 유형은 공개하지 않습니다."
        fields += ["is_private", "private_reason"]
    post.save(update_fields=fields)
    record(BoardVerb.BECAME_COMPLAINT, actor=actor, post=post, complaint=complaint.pk, category=category.code)
    return complaint


@transaction.atomic
def make_complaint(actor, post: Post, *, category: Category, department=None):
    """The desk files a post as a 민원 (any tag) and may route it to a department at once."""
    _require_moderator(actor)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.complaint_id:
        raise BoardError("이 글은 이미 민원으로 접수되었습니다.")
    if category is None:
        raise BoardError({"category": "민원 유형을 골라 주십시오."})
    complaint = _file_complaint(actor, post, category)
    if department is not None:
        complaint = assign_department(actor, complaint, department)
    return complaint


@transaction.atomic
def edit_post(actor, post: Post, *, title: str, body: str, address: str, reason: str = "") -> Post:
    """Change the text; the previous version is kept as a revision row (moderators must say why)."""
    if not access.can_edit(actor, post):
        raise AccessDenied("이 글을 고칠 수 없습니다.")
    moderating = not access.is_author(actor, post)
    errors = _validate(PostInput(tag=post.tag, title=title, body=body), [])
    if moderating and not (reason or "").strip():
        errors["reason"] = "다른 사람의 글을 고칠 때는 사유를 적어 주십시오."
    if errors:
        raise BoardError(errors)
    PostRevision.objects.create(
        post=post,
        title=post.title,
        body=post.body,
        address=post.address,
        edited_by=actor,
        reason=reason.strip(),
    )
    post.title, post.body, post.address = title.strip(), body.strip(), (address or "").strip()[:200]
    post.area, post.edited_at = privacy.area_of(post.address), timezone.now()
    fields = ["title", "body", "address", "area", "edited_at"]
    why = privacy.private_reason(title=post.title, body=post.body)
    if why and not post.is_private:  # an edit may make a post private, never public
        post.is_private, post.private_reason = True, why
        fields += ["is_private", "private_reason"]
    post.save(update_fields=fields)
    record(BoardVerb.EDITED, actor=actor, post=post, reason=reason.strip(), by_moderator=moderating)
    return post


@transaction.atomic
def hide_post(actor, post: Post, *, reason: str) -> Post:
    _require_moderator(actor)
    if not (reason or "").strip():
        raise BoardError({"reason": "숨기는 사유를 적어 주십시오. 작성자에게 보입니다."})
    post.state, post.hidden_reason = PostState.HIDDEN, reason.strip()[:200]
    post.save(update_fields=["state", "hidden_reason"])
    record(BoardVerb.HIDDEN, actor=actor, post=post, reason=post.hidden_reason)
    return post


@transaction.atomic
def unhide_post(actor, post: Post) -> Post:
    _require_moderator(actor)
    post.state, post.hidden_reason = PostState.PUBLISHED, ""
    post.save(update_fields=["state", "hidden_reason"])
    record(BoardVerb.UNHIDDEN, actor=actor, post=post)
    return post


@transaction.atomic
def set_private(actor, post: Post, *, private: bool, reason: str = "") -> Post:
    """Moderators may open a post that was made private by detection, or close any post."""
    _require_moderator(actor)
    if post.complaint and post.complaint.category.is_sensitive and not private:
        raise BoardError("불친절 신고 같은 비공개 유형의 민원 글은 공개할 수 없습니다.")
    post.is_private, post.private_reason = (
        private,
        (reason or "민원팀이 비공개로 했습니다.")[:200] if private else "",
    )
    post.save(update_fields=["is_private", "private_reason"])
    record(BoardVerb.EDITED, actor=actor, post=post, private=private, reason=reason)
    return post


# --- replies, 공감, reports ---------------------------------------------------------------------------


@transaction.atomic
def add_reply(actor, post: Post, *, body: str) -> Reply:
    if not (actor and actor.is_authenticated) or not access.can_see(actor, post):
        raise AccessDenied("답글을 쓰려면 먼저 본인 확인(가입)을 해 주십시오.")
    if post.state != PostState.PUBLISHED:
        raise BoardError("숨겨진 글에는 답글을 달 수 없습니다.")
    body = (body or "").strip()
    if not body:
        raise BoardError({"body": "답글 내용을 입력해 주십시오."})
    if len(body) > 5000:
        raise BoardError({"body": "답글은 5,000자 이내로 써 주십시오."})
    _check_reply_limit(actor)
    official = access.can_reply_official(actor, post)
    department = None
    if official:
        if post.complaint and post.complaint.department_id in actor.department_ids:
            department = post.complaint.department
        else:
            membership = actor.memberships.filter(ended_at__isnull=True).select_related("department").first()
            department = membership.department if membership else None
    reply = Reply.objects.create(
        post=post, author=actor, body=body, is_official=official, department=department
    )
    record(BoardVerb.REPLIED, actor=actor, post=post, reply=reply.pk, official=official)
    return reply


@transaction.atomic
def hide_reply(actor, reply: Reply, *, reason: str) -> Reply:
    _require_moderator(actor)
    reply.is_hidden, reply.hidden_reason = True, (reason or "").strip()[:200] or "운영 원칙 위반"
    reply.save(update_fields=["is_hidden", "hidden_reason"])
    record(BoardVerb.REPLY_HIDDEN, actor=actor, post=reply.post, reply=reply.pk, reason=reply.hidden_reason)
    return reply


@transaction.atomic
def toggle_support(user, post: Post) -> bool:
    """공감 or take it back; True if the user now supports the post. One per account."""
    if not (user and user.is_authenticated):
        raise AccessDenied("공감하려면 먼저 본인 확인(가입)을 해 주십시오.")
    if not access.can_see(user, post) or post.state != PostState.PUBLISHED:
        raise AccessDenied("이 글에는 공감할 수 없습니다.")
    deleted, _ = Support.objects.filter(post=post, user=user).delete()
    if deleted:
        record(BoardVerb.UNSUPPORTED, actor=user, post=post)
        return False
    try:
        with transaction.atomic():
            Support.objects.create(post=post, user=user)
    except IntegrityError:  # a double click raced us: the one row stands
        return True
    record(BoardVerb.SUPPORTED, actor=user, post=post)
    return True


@transaction.atomic
def report_abuse(user, post: Post, *, reason: str, reply: Reply | None = None) -> AbuseReport:
    if not (user and user.is_authenticated):
        raise AccessDenied("신고하려면 먼저 본인 확인(가입)을 해 주십시오.")
    reason = (reason or "").strip()
    if not reason:
        raise BoardError({"reason": "신고 사유를 적어 주십시오."})
    existing = AbuseReport.objects.filter(post=post, reply=reply, reporter=user).first()
    if existing:
        return existing
    report = AbuseReport.objects.create(post=post, reply=reply, reporter=user, reason=reason[:300])
    record(BoardVerb.REPORTED, actor=user, post=post, report=report.pk, reply=reply.pk if reply else None)
    return report


@transaction.atomic
def resolve_report(actor, report: AbuseReport, *, hide: bool, note: str = "") -> AbuseReport:
    """Dismiss a report, or act on it: hide the reported reply or post (the note is the reason)."""
    _require_moderator(actor)
    if report.state != ReportState.OPEN:
        return report
    if hide:
        why = (note or report.reason).strip()
        if report.reply_id:
            hide_reply(actor, report.reply, reason=why)  # type: ignore[arg-type]
        else:
            hide_post(actor, report.post, reason=why)
    report.state = ReportState.ACTED if hide else ReportState.DISMISSED
    report.resolved_by, report.resolved_at = actor, timezone.now()
    report.save(update_fields=["state", "resolved_by", "resolved_at"])
    record(BoardVerb.REPORT_RESOLVED, actor=actor, post=report.post, report=report.pk, outcome=report.state)
    return report


# --- photos ------------------------------------------------------------------------------------------------


@transaction.atomic
def set_photo_state(actor, photo: PostPhoto, *, shown: bool) -> PostPhoto:
    _require_moderator(actor)
    photo.state = PhotoState.SHOWN if shown else PhotoState.HIDDEN
    photo.save(update_fields=["state"])
    record(
        BoardVerb.PHOTO_SHOWN if shown else BoardVerb.PHOTO_HIDDEN,
        actor=actor,
        post=photo.post,
        photo=photo.pk,
    )
    return photo


@transaction.atomic
def redact_photo(actor, photo: PostPhoto, *, box: tuple[float, float, float, float]) -> PostPhoto:
    """Blur a rectangle (percent of the image) into a new public copy; the original stays staff-only.

    A second rectangle blurs the already-redacted copy, so several faces can be covered in turn.
    """
    _require_moderator(actor)
    source = photo.redacted or photo.file
    with source.open("rb") as fh:
        raw = fh.read()
    try:
        data = blur_region(raw, box)
    except ImageRejected as exc:
        raise BoardError({"box": str(exc)}) from exc
    ext = "png" if photo.content_type == "image/png" else "jpg"
    photo.redacted.save(f"redacted-{photo.pk}-{uuid.uuid4().hex[:6]}.{ext}", ContentFile(data), save=False)
    photo.state = PhotoState.SHOWN
    photo.save(update_fields=["redacted", "state"])
    record(BoardVerb.PHOTO_REDACTED, actor=actor, post=photo.post, photo=photo.pk, box=list(box))
    return photo
