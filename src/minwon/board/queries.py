"""Reads for board pages, and the public form of a post.

`PublicPost` is the only thing templates and feeds get for a post: every text in it went through
`privacy.public_text` (mask_text) or a per-field mask, and the 민원's status, due date and answer
are read from the linked complaint at render time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet

from minwon.complaints.choices import OPEN_STATUSES, Status
from minwon.complaints.deadlines import korean_due
from minwon.lib.masking import mask_address

from . import access, privacy
from .choices import ACTION_TAGS, PhotoState, PostState, Tag
from .models import Post, PostPhoto, Reply

ANSWERED = (Status.ANSWERED, Status.CLOSED)
# Public map positions are rounded to about 100 m: a pin on a house would say who wrote it.
MAP_DECIMALS = 3


@dataclass
class PublicReply:
    pk: int
    author: str
    body: str
    is_official: bool
    created_at: object
    author_id: int = 0


@dataclass
class PublicPost:
    post: Post
    title: str
    body: str
    address: str
    author: str
    tag_label: str
    status: str  # "", or the 민원 status label
    status_code: str  # css modifier: waiting / open / answered / closed
    due: str
    department: str
    answer: str
    answered_at: object
    supports: int
    lat: float | None
    lng: float | None
    photos: list[PostPhoto] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.post.pk


def author_label(user) -> str:
    if user.is_staff_member:
        return f"{settings.MINWON_CITY_NAME}청"
    member = getattr(user, "board_member", None)
    return privacy.public_name(member.nickname if member else (user.display_name or "주민"))


def _status(post: Post) -> tuple[str, str]:
    c = post.complaint
    if c is None:
        return ("민원팀 검토 중", "waiting") if post.tag in ACTION_TAGS else ("", "")
    if c.status in ANSWERED:
        return c.get_status_display(), "answered"
    if c.status in OPEN_STATUSES:
        return c.get_status_display(), "open"
    return c.get_status_display(), "closed"


def present(post: Post, *, supports: int | None = None, photos: list[PostPhoto] | None = None) -> PublicPost:
    c = post.complaint
    label, code = _status(post)
    answered = c is not None and c.status in ANSWERED and bool(c.answer)
    count = supports if supports is not None else getattr(post, "support_total", None)
    return PublicPost(
        post=post,
        title=privacy.public_text(post.title),
        body=privacy.public_text(post.body),
        address=mask_address(post.address) if post.address else "",
        author=author_label(post.author),
        tag_label=post.get_tag_display(),
        status=label,
        status_code=code,
        due=korean_due(c.due_at) if c is not None and c.status in OPEN_STATUSES else "",
        department=c.department.name if c is not None and c.department_id else "",  # type: ignore[union-attr]
        answer=privacy.public_text(c.answer) if answered else "",  # type: ignore[union-attr]
        answered_at=c.answered_at if answered else None,  # type: ignore[union-attr]
        supports=count if count is not None else post.supports.count(),
        lat=round(post.lat, MAP_DECIMALS) if post.lat is not None else None,
        lng=round(post.lng, MAP_DECIMALS) if post.lng is not None else None,
        photos=photos or [],
    )


def public_replies(post: Post) -> list[PublicReply]:
    rows = post.replies.filter(is_hidden=False).select_related("author", "author__board_member", "department")
    return [
        PublicReply(
            pk=r.pk,
            author=_reply_author(r),
            body=privacy.public_text(r.body),
            is_official=r.is_official,
            created_at=r.created_at,
            author_id=r.author_id,
        )
        for r in rows
    ]


def _reply_author(reply: Reply) -> str:
    if reply.is_official:
        # The city answers as a department; the employee's own name is not published.
        return f"{reply.department.name} 담당자" if reply.department_id else f"{settings.MINWON_CITY_NAME}청"  # type: ignore[union-attr]
    return author_label(reply.author)


def visible_photos(user, post: Post) -> list[PostPhoto]:
    photos = list(post.photos.all())
    if access.is_moderator(user):
        return photos
    if access.is_author(user, post):
        return [p for p in photos if p.state != PhotoState.HIDDEN]
    return [p for p in photos if p.state == PhotoState.SHOWN]


def listed(*, tag: str = "", status: str = "", area: str = "") -> QuerySet[Post]:
    """Public posts, newest first, filtered like the list page's controls."""
    rows = (
        Post.objects.public()
        .with_counts()
        .select_related("author", "author__board_member", "complaint", "complaint__department")
    )
    if tag in Tag.values:
        rows = rows.filter(tag=tag)
    if status == "open":
        rows = rows.filter(
            Q(complaint__status__in=OPEN_STATUSES) | Q(complaint__isnull=True, tag__in=ACTION_TAGS)
        )
    elif status == "answered":
        rows = rows.filter(complaint__status__in=ANSWERED)
    elif status == "none":
        rows = rows.filter(complaint__isnull=True).exclude(tag__in=ACTION_TAGS)
    if area:
        rows = rows.filter(area=area)
    return rows.order_by("-created_at", "-pk")


def areas() -> list[str]:
    return list(
        Post.objects.public().exclude(area="").values_list("area", flat=True).distinct().order_by("area")
    )


# Posts still waiting for the desk (no 민원 yet) compared one by one: at most this many, newest.
MAX_WAITING_CANDIDATES = 100


def similar_posts(*, title: str, body: str = "", lat=None, lng=None, limit: int = 5):
    """Open public posts like this one, nearby, best first: those that became a 민원 through the
    triage hook on their 민원, and those still waiting for the desk compared here with the same
    Korean terms, radius, time window and score floor."""
    from minwon.complaints import hooks

    found = hooks.similar_open_complaints(title=title, body=body, lat=lat, lng=lng, limit=limit * 2)
    by_complaint = {f.complaint.pk: f for f in found}
    posts = (
        Post.objects.public()
        .with_counts()
        .filter(complaint_id__in=by_complaint)
        .select_related("author", "author__board_member", "complaint", "complaint__department")
    )
    scored = [
        (present(p), by_complaint[p.complaint_id].distance_m, by_complaint[p.complaint_id].score)
        for p in posts
    ]
    scored += _similar_waiting(title=title, body=body, lat=lat, lng=lng)
    scored.sort(key=lambda item: -item[2])
    return [(item, distance) for item, distance, _score in scored[:limit]]


def _similar_waiting(*, title: str, body: str, lat, lng) -> list[tuple[PublicPost, float | None, float]]:
    from datetime import timedelta

    from django.utils import timezone

    from minwon.lib.korean.analysis import analyse, analyse_many
    from minwon.lib.korean.similarity import cosine, haversine_m, term_vector
    from minwon.triage.models import TriageSettings
    from minwon.triage.similar import GENRE_WEIGHTS

    if not (title or "").strip() and not (body or "").strip():
        return []
    cfg = TriageSettings.load()
    since = timezone.now() - timedelta(days=cfg.similar_window_days)
    rows = list(
        Post.objects.public()
        .with_counts()
        .filter(complaint__isnull=True, tag__in=ACTION_TAGS, created_at__gte=since)
        .select_related("author", "author__board_member")
        .order_by("-created_at")[:MAX_WAITING_CANDIDATES]
    )
    if not rows:
        return []
    query = term_vector(analyse(title).terms, analyse(body).terms)
    if not query:
        return []
    texts = analyse_many([p.title for p in rows] + [p.body for p in rows])
    out = []
    for i, p in enumerate(rows):
        distance = None
        if None not in (lat, lng, p.lat, p.lng):
            distance = haversine_m(lat, lng, p.lat, p.lng)
            if distance > cfg.similar_radius_m:
                continue
        score = cosine(query, term_vector(texts[i].terms, texts[len(rows) + i].terms), GENRE_WEIGHTS)
        if score >= cfg.similar_min_score:
            out.append((present(p), distance, score))
    return out


def moderation_queue():
    from .choices import ReportState
    from .models import AbuseReport

    reports = (
        AbuseReport.objects.filter(state=ReportState.OPEN)
        .select_related("post", "reply", "reporter")
        .order_by("created_at")
    )
    photos = (
        PostPhoto.objects.filter(state=PhotoState.PENDING, post__state=PostState.PUBLISHED)
        .select_related("post")
        .order_by("created_at")
    )
    waiting = (
        Post.objects.published()
        .filter(complaint__isnull=True, tag__in=ACTION_TAGS)
        .select_related("author")
        .order_by("created_at")
    )
    return {"reports": list(reports[:100]), "photos": list(photos[:100]), "waiting": list(waiting[:100])}
