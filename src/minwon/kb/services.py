"""Every write of the knowledge base (STYLE §2): each records a `KbEvent` in its transaction.

An edit never overwrites history: it writes a new `Revision` and moves the article's current
text forward, so any two versions can be compared later.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from minwon.complaints.access import AccessDenied, can_read_full
from minwon.complaints.errors import ComplaintError

from . import access
from .models import Article, ArticleView, KbEvent, Revision, Section, Suggestion, SuggestionStatus
from .search import terms_for
from .textmask import mask_text


class KbError(ComplaintError):
    """A refused knowledge-base write, with a Korean message and the form field it belongs to."""


def _event(article: Article, verb: str, actor, **data) -> KbEvent:
    return KbEvent.objects.create(article=article, actor=actor, verb=verb, data=data)


def _clean(title: str, body: str, section: str, review_by) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise KbError("제목을 입력해 주십시오.", field="title")
    if not body:
        raise KbError("내용을 입력해 주십시오.", field="body")
    if section not in Section.values:
        raise KbError("구분을 선택해 주십시오.", field="section")
    if not isinstance(review_by, date):
        raise KbError("검토 기한을 입력해 주십시오.", field="review_by")
    return title, body


def _tags(tags: str) -> str:
    return ", ".join(dict.fromkeys(t.strip() for t in (tags or "").split(",") if t.strip()))[:200]


def _snapshot(article: Article, actor, note: str) -> Revision:
    return Revision.objects.create(
        article=article,
        number=article.revision_no,
        title=article.title,
        section=article.section,
        tags=article.tags,
        body=article.body,
        review_by=article.review_by,
        note=note[:200],
        edited_by=actor,
    )


@transaction.atomic
def create_article(
    actor,
    *,
    title: str,
    body: str,
    department,
    review_by: date,
    section: str = Section.GUIDE,
    tags: str = "",
    source_complaint=None,
) -> Article:
    if not access.owns(actor, getattr(department, "pk", None)):
        raise AccessDenied("담당 부서의 상담자료만 만들 수 있습니다.")
    title, body = _clean(title, body, section, review_by)
    now = timezone.now()
    article = Article(
        title=title,
        body=body,
        section=section,
        tags=_tags(tags),
        department=department,
        review_by=review_by,
        created_by=actor,
        source_complaint=source_complaint,
        created_at=now,
        updated_at=now,
    )
    article.title_terms, article.body_terms = terms_for(article.title, article.tags, article.body)
    article.save()
    _snapshot(article, actor, "처음 작성")
    _event(article, "created", actor, revision=1)
    return article


@transaction.atomic
def edit_article(
    actor,
    article: Article | int,
    *,
    title: str,
    body: str,
    tags: str,
    review_by: date,
    section: str | None = None,
    note: str = "",
    _checked: bool = False,
) -> Article:
    """Save a new revision. Nothing changed → refused, so the history holds only real edits."""
    pk = article if isinstance(article, int) else article.pk
    a = Article.objects.select_for_update().get(pk=pk)
    if not _checked:
        access.check_edit(actor, a)
    section = section or a.section
    title, body = _clean(title, body, section, review_by)
    tags = _tags(tags)
    if (a.title, a.body, a.tags, a.review_by, a.section) == (title, body, tags, review_by, section):
        raise KbError("바뀐 내용이 없습니다.", field="body")
    a.title, a.body, a.tags, a.review_by, a.section = title, body, tags, review_by, section
    a.revision_no += 1
    a.updated_at = timezone.now()
    a.title_terms, a.body_terms = terms_for(title, tags, body)
    if a.stale_alerted_for and review_by > a.stale_alerted_for:
        a.stale_alerted_for = None  # reviewed: a later missed date alerts again
    _snapshot(a, actor, note or "수정")
    a.save()
    _event(a, "edited", actor, revision=a.revision_no, note=note[:200])
    return a


@transaction.atomic
def suggest_edit(actor, article: Article, *, body: str, note: str, title: str = "") -> Suggestion:
    """An agent proposes a change; the owner department sees it in its queue."""
    access.check_read(actor)
    body, note = (body or "").strip(), (note or "").strip()
    if not body:
        raise KbError("제안할 내용을 입력해 주십시오.", field="body")
    if not note:
        raise KbError("무엇을 왜 고쳐야 하는지 적어 주십시오.", field="note")
    if body == article.body and (not title or title.strip() == article.title):
        raise KbError("현재 내용과 같습니다. 고칠 부분을 바꿔 주십시오.", field="body")
    s = Suggestion.objects.create(
        article=article,
        base_revision=article.revision_no,
        title=(title or article.title).strip()[:200],
        body=body,
        note=note[:300],
        suggested_by=actor,
    )
    _event(article, "suggested", actor, suggestion=s.pk)
    return s


def _decide(actor, suggestion: Suggestion | int, status: str, note: str) -> Suggestion:
    pk = suggestion if isinstance(suggestion, int) else suggestion.pk
    s = Suggestion.objects.select_for_update().select_related("article").get(pk=pk)
    access.check_edit(actor, s.article)
    if s.status != SuggestionStatus.PENDING:
        raise KbError("이미 처리된 제안입니다.", field="status")
    s.status, s.decided_by, s.decided_at, s.decision_note = status, actor, timezone.now(), note.strip()[:300]
    s.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return s


@transaction.atomic
def accept_suggestion(actor, suggestion: Suggestion | int, *, note: str = "") -> Suggestion:
    s = _decide(actor, suggestion, SuggestionStatus.ACCEPTED, note)
    a = s.article
    edit_article(
        actor,
        a,
        title=s.title,
        body=s.body,
        tags=a.tags,
        review_by=a.review_by,
        note=f"수정 제안 반영({s.suggested_by}): {s.note}",
        _checked=True,
    )
    _event(a, "suggestion_accepted", actor, suggestion=s.pk)
    return s


@transaction.atomic
def reject_suggestion(actor, suggestion: Suggestion | int, *, note: str) -> Suggestion:
    if not (note or "").strip():
        raise KbError("반려 사유를 적어 주십시오. 제안한 상담사가 봅니다.", field="note")
    s = _decide(actor, suggestion, SuggestionStatus.REJECTED, note)
    _event(s.article, "suggestion_rejected", actor, suggestion=s.pk)
    return s


def record_view(user, article: Article, *, source: str = "console") -> None:
    """Usage counting. Not audited as an event: a view changes nothing but the counters."""
    ArticleView.objects.create(article=article, user=user if user.is_authenticated else None, source=source)
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)


@transaction.atomic
def promote_answer_example(actor, complaint, *, title: str, review_by: date | None = None) -> Article:
    """Copy a good answer into 우수 답변 사례, with names, phones and e-mails masked.

    The owner is the department that answered. Called by the answer-quality review (care officer)
    as well as by heads and the desk.
    """
    if not (actor and actor.is_authenticated and actor.has_role(*access.PROMOTE_ROLES)):
        raise AccessDenied("우수 답변 사례로 등록할 권한이 없습니다.")
    if not can_read_full(actor, complaint):
        raise AccessDenied("이 민원을 볼 권한이 없습니다.")
    if not (complaint.answer or "").strip():
        raise KbError("답변이 없는 민원은 사례로 등록할 수 없습니다.", field="complaint")
    if complaint.department_id is None:
        raise KbError("처리 부서가 없는 민원입니다.", field="complaint")
    names = [complaint.applicant_name]
    if complaint.applicant_id:
        names += [complaint.applicant.display_name, complaint.applicant.get_full_name()]
    # The handler too: an example teaches how to answer, it is not a record of who answered, and
    # answers are often signed "담당자 최도로".
    if complaint.handler_id:
        names += [complaint.handler.display_name, complaint.handler.get_full_name()]
    question = mask_text(f"{complaint.title}\n\n{complaint.body}", names=names)
    answer = mask_text(complaint.answer, names=names)
    body = f"[민원 내용]\n{question}\n\n[답변]\n{answer}"
    today = timezone.localdate()
    article = Article(
        title=(title or "").strip()[:200] or complaint.title[:200],
        body=body,
        section=Section.EXAMPLE,
        tags=complaint.category.name,
        department=complaint.department,
        review_by=review_by or today.replace(year=today.year + 1),
        created_by=actor,
        source_complaint=complaint,
    )
    article.title_terms, article.body_terms = terms_for(article.title, article.tags, article.body)
    article.save()
    _snapshot(article, actor, f"우수 답변 사례 등록({complaint.tracking_no})")
    _event(article, "promoted", actor, complaint=complaint.pk, tracking_no=complaint.tracking_no)
    return article


@transaction.atomic
def deactivate_article(actor, article: Article, *, reason: str) -> Article:
    access.check_edit(actor, article)
    if not (reason or "").strip():
        raise KbError("사용 중지 사유를 적어 주십시오.", field="reason")
    Article.objects.filter(pk=article.pk).update(is_active=False, updated_at=timezone.now())
    article.is_active = False
    _event(article, "deactivated", actor, reason=reason.strip()[:200])
    return article
