"""KB pages: who may read, edit, suggest and decide; the diff page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from minwon.kb import services
from minwon.kb.models import Suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(city):
    return services.create_article(
        city.officer,
        title="포트홀 신고 처리",
        body="위치와 크기를 받아 민원으로 넘깁니다.",
        department=city.roads,
        review_by=timezone.localdate() + timedelta(days=30),
    )


def test_citizen_cannot_read_the_kb(client, city, article):
    client.force_login(city.minji)
    assert client.get(reverse("kb:index")).status_code == 403
    assert client.get(reverse("kb:article", args=[article.pk])).status_code == 403


def test_agent_searches_reads_and_suggests(client, city, article):
    client.force_login(city.agent)
    page = client.get(reverse("kb:index"), {"q": "포트홀"})
    assert page.status_code == 200 and "포트홀 신고 처리" in page.content.decode()
    page = client.get(reverse("kb:article", args=[article.pk]))
    assert page.status_code == 200 and "고치기" not in page.content.decode()
    assert client.get(reverse("kb:edit", args=[article.pk])).status_code == 403
    bad = client.post(reverse("kb:suggest", args=[article.pk]), {"body": "새 내용", "note": ""})
    assert bad.status_code == 400 and "무엇을 왜 고쳐야" in bad.content.decode()
    assert "새 내용" in bad.content.decode()  # what the agent typed is kept
    ok = client.post(reverse("kb:suggest", args=[article.pk]), {"body": "새 내용", "note": "크기 기준 추가"})
    assert ok.status_code == 302
    assert Suggestion.objects.get().suggested_by == city.agent


def test_owner_edits_then_compares_versions(client, city, article):
    client.force_login(city.officer)
    data = {
        "title": article.title,
        "section": "guide",
        "tags": "",
        "body": "위치와 크기를 받아 민원으로 넘깁니다.\n24시간 안에 보수합니다.",
        "review_by": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "note": "보수 시간",
    }
    assert client.post(reverse("kb:edit", args=[article.pk]), data).status_code == 302
    page = client.get(reverse("kb:diff", args=[article.pk]), {"a": 1, "b": 2}).content.decode()
    assert "diff-line--added" in page and "24시간 안에 보수합니다." in page
    assert client.get(reverse("kb:diff", args=[article.pk]), {"a": 1, "b": 9}).status_code == 404


def test_owner_decides_a_suggestion_on_its_page(client, city, article):
    s = services.suggest_edit(city.agent, article, body="고친 본문", note="틀림")
    client.force_login(city.other_officer)
    assert client.get(reverse("kb:decide", args=[s.pk])).status_code == 403
    client.force_login(city.head)
    assert "고친 본문" in client.get(reverse("kb:decide", args=[s.pk])).content.decode()
    assert client.post(reverse("kb:decide", args=[s.pk]), {"decision": "accept"}).status_code == 302
    article.refresh_from_db()
    assert article.body == "고친 본문"


def test_new_article_form_keeps_input_on_error(client, city):
    client.force_login(city.officer)
    r = client.post(reverse("kb:new"), {"title": "제목만", "section": "guide", "department": city.roads.pk})
    text = r.content.decode()
    assert r.status_code == 200 and "내용을 입력해 주십시오." in text and "제목만" in text
    client.force_login(city.agent)  # agents belong to no department here: they suggest, not create
    assert client.get(reverse("kb:new")).status_code == 403
