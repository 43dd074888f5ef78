"""Knowledge base: versioning, suggestions, stale alerts, usage, search, promoted answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from minwon.complaints import services as cs
from minwon.complaints.access import AccessDenied
from minwon.kb import services
from minwon.kb.jobs import stale_article_alerts
from minwon.kb.models import Article, Revision, Section, SuggestionStatus
from minwon.kb.search import search_articles
from minwon.notify.jobs import JOBS
from minwon.notify.models import StaffAlert
from minwon.testing import factories as f

pytestmark = pytest.mark.django_db


def _article(city, **kw):
    defaults = dict(
        title="여권 재발급에 필요한 서류",
        body="신분증과 여권용 사진 1매를 가지고 방문합니다.\n수수료는 53,000원입니다.",
        department=city.roads,
        tags="여권, 발급",
        review_by=timezone.localdate() + timedelta(days=30),
    )
    return services.create_article(city.officer, **{**defaults, **kw})


def test_every_edit_is_a_new_revision_and_history_is_kept(city):
    a = _article(city)
    services.edit_article(
        city.officer,
        a,
        title=a.title,
        body=a.body + "\n온라인 신청 가능.",
        tags=a.tags,
        review_by=a.review_by,
        note="온라인",
    )
    a = services.edit_article(
        city.head, a, title="여권 재발급 서류", body="바뀐 본문", tags="여권", review_by=a.review_by
    )
    revs = list(Revision.objects.filter(article=a).order_by("number"))
    assert [r.number for r in revs] == [1, 2, 3]
    assert revs[0].body.startswith("신분증") and revs[2].body == "바뀐 본문"
    assert revs[1].note == "온라인" and revs[2].edited_by == city.head
    assert a.revision_no == 3 and a.title == "여권 재발급 서류"


def test_unchanged_edit_is_refused(city):
    a = _article(city)
    with pytest.raises(services.KbError, match="바뀐 내용이 없습니다"):
        services.edit_article(city.officer, a, title=a.title, body=a.body, tags=a.tags, review_by=a.review_by)


def test_only_the_owner_department_edits(city):
    a = _article(city)
    for outsider in (city.other_officer, city.agent, city.desk):
        with pytest.raises(AccessDenied):
            services.edit_article(outsider, a, title="x", body="y", tags="", review_by=a.review_by)
    services.edit_article(city.admin, a, title="x", body="y", tags="", review_by=a.review_by)


def test_suggestion_accepted_becomes_a_revision_credited_to_the_agent(city):
    a = _article(city)
    s = services.suggest_edit(city.agent, a, body=a.body + "\n사진은 6개월 이내.", note="사진 조건 빠짐")
    with pytest.raises(AccessDenied):
        services.accept_suggestion(city.other_officer, s)
    services.accept_suggestion(city.officer, s)
    a.refresh_from_db()
    s.refresh_from_db()
    assert s.status == SuggestionStatus.ACCEPTED and s.decided_by == city.officer
    assert a.revision_no == 2 and a.body.endswith("6개월 이내.")
    assert "상담사" in a.revisions.get(number=2).note  # the agent's display name
    with pytest.raises(services.KbError, match="이미 처리된"):
        services.reject_suggestion(city.officer, s, note="늦게")


def test_rejection_needs_a_reason_and_changes_nothing(city):
    a = _article(city)
    s = services.suggest_edit(city.agent, a, body="완전히 다른 내용", note="제안")
    with pytest.raises(services.KbError, match="반려 사유"):
        services.reject_suggestion(city.officer, s, note="")
    services.reject_suggestion(city.officer, s, note="현재 기준이 맞습니다")
    a.refresh_from_db()
    assert a.revision_no == 1 and a.body.startswith("신분증")


def test_suggestion_must_change_something_and_say_why(city):
    a = _article(city)
    with pytest.raises(services.KbError, match="현재 내용과 같습니다"):
        services.suggest_edit(city.agent, a, body=a.body, note="같음")
    with pytest.raises(services.KbError, match="왜 고쳐야"):
        services.suggest_edit(city.agent, a, body="새 내용", note=" ")


def test_stale_job_alerts_the_owner_department_once_per_missed_date(city):
    today = timezone.localdate()
    a = _article(city, review_by=today - timedelta(days=1))
    _article(city, title="아직 유효", review_by=today + timedelta(days=30))
    assert JOBS["kb_stale_articles"] is stale_article_alerts
    assert stale_article_alerts() == 1
    assert stale_article_alerts() == 0  # a second run (or a second worker) alerts nobody again
    alerts = StaffAlert.objects.filter(kind="kb_stale")
    assert {x.recipient for x in alerts} == {city.officer, city.head}
    assert "검토 기한" in alerts[0].title
    # Reviewed with a new date that then passes too: one more alert.
    a = services.edit_article(
        city.officer, a, title=a.title, body=a.body, tags=a.tags, review_by=today + timedelta(days=10)
    )
    assert stale_article_alerts() == 0
    later = timezone.now() + timedelta(days=12)
    assert stale_article_alerts(now=later) == 1
    assert StaffAlert.objects.filter(kind="kb_stale").count() == 4


def test_views_are_counted_and_most_used_ranks_them(city):
    a, b = _article(city), _article(city, title="전입신고 방법", body="14일 안에 신고합니다.")
    for _ in range(3):
        services.record_view(city.agent, b)
    services.record_view(city.agent, a)
    ranked = list(Article.objects.most_used())
    assert ranked == [b, a] and ranked[0].uses == 3
    b.refresh_from_db()
    assert b.view_count == 3


def test_korean_search_matches_morphemes_and_ranks_title_first(city):
    passport = _article(city)
    _article(city, title="전입신고 방법", body="이사하면 14일 안에 전입신고를 합니다. 여권과는 관계없습니다.")
    _article(city, title="대형 폐기물 배출", body="스티커를 붙여 내놓습니다.")
    hits = search_articles("여권을 다시 발급받으려면")
    assert hits[0].article == passport
    assert [h.article.title for h in search_articles("전입신고")] == ["전입신고 방법"]
    assert search_articles("우주정거장") == []
    assert search_articles("") == []


def test_promote_answer_example_masks_names_handler_and_phones(city):
    c = f.create_complaint(
        category=city.streetlight,
        name="홍길동",
        phone="010-1234-5678",
        body="홍길동입니다. 010-1234-5678로 연락 주세요. 가로등이 꺼졌어요.",
    )
    c = cs.assign_department(city.desk, c, city.roads)
    c = cs.answer_complaint(
        city.officer, c, answer="홍길동 님, 가로등을 고쳤습니다. 담당자 최도로, 문의 02-860-3110"
    )
    with pytest.raises(AccessDenied):
        services.promote_answer_example(city.agent, c, title="x")
    a = services.promote_answer_example(city.care, c, title="가로등 고장 답변 사례")
    assert a.section == Section.EXAMPLE and a.department == city.roads and a.source_complaint == c
    assert "홍길동" not in a.body and "홍*동" in a.body
    assert c.handler == city.officer and "최도로" not in a.body and "최*로" in a.body
    assert "1234-5678" not in a.body and "010-****-5678" in a.body
    assert "가로등을 고쳤습니다" in a.body
    assert a.revisions.count() == 1
