"""The staff idea box: a campaign's period, one vote per staff per idea, selection by care/admin."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from minwon.care import ideas
from minwon.care.errors import CareError
from minwon.care.models import IdeaVote


@pytest.fixture
def campaign(city):
    today = timezone.localdate()
    return ideas.create_campaign(
        city.care, title="2026 친절시책", starts_on=today, ends_on=today + timedelta(days=7)
    )


def test_staff_submit_and_vote_once(city, client, campaign):
    idea = ideas.submit_idea(city.officer, campaign, title="민원실 대기 안내", body="대기 번호를 문자로")
    client.force_login(city.desk)
    client.post(reverse("care:vote", args=[idea.pk]))
    response = client.post(reverse("care:vote", args=[idea.pk]), follow=True)
    assert "이미 투표했습니다" in response.content.decode()
    assert IdeaVote.objects.filter(idea=idea).count() == 1
    with pytest.raises(CareError):
        ideas.vote(city.officer, idea)  # not one's own idea


def test_citizens_and_closed_campaigns_are_refused(city, campaign):
    with pytest.raises(PermissionDenied):
        ideas.submit_idea(city.minji, campaign, title="x", body="y")
    campaign.ends_on = timezone.localdate() - timedelta(days=1)
    campaign.save()
    with pytest.raises(CareError, match="공모 기간"):
        ideas.submit_idea(city.officer, campaign, title="x", body="y")


def test_selection_by_care_or_admin_only(city, client, campaign):
    idea = ideas.submit_idea(city.officer, campaign, title="칭찬 게시판", body="월별 칭찬 직원 게시")
    client.force_login(city.head)
    assert client.post(reverse("care:select", args=[idea.pk])).status_code == 403
    client.force_login(city.admin)
    client.post(reverse("care:select", args=[idea.pk]), {"selected": "1"})
    idea.refresh_from_db()
    assert idea.is_selected and idea.selected_by == city.admin
    page = client.get(reverse("care:campaign", args=[campaign.pk])).content.decode()
    assert "칭찬 게시판" in page and "선정" in page


def test_care_opens_a_campaign_from_the_page_and_others_cannot(city, client):
    client.force_login(city.officer)
    assert client.post(reverse("care:ideas"), {"title": "x"}).status_code == 403
    client.force_login(city.care)
    bad = client.post(
        reverse("care:ideas"), {"title": "공모", "starts_on": "2026-12-10", "ends_on": "2026-12-01"}
    )
    assert "마감일은 시작일과 같거나 뒤여야 합니다" in bad.content.decode()
    ok = client.post(
        reverse("care:ideas"), {"title": "공모", "starts_on": "2026-12-01", "ends_on": "2026-12-31"}
    )
    assert ok.status_code == 302
