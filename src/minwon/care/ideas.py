"""Staff idea box (친절시책 아이디어 공모): campaigns with a period, submissions, votes, selection."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from minwon.complaints.access import AccessDenied

from .access import SELECT_ROLES
from .errors import CareError
from .models import Idea, IdeaCampaign, IdeaVote
from .services import _event, _require_staff, _text


def _may_run(actor) -> bool:
    return bool(actor and actor.is_authenticated and actor.has_role(*SELECT_ROLES))


@transaction.atomic
def create_campaign(actor, *, title: str, description: str = "", starts_on, ends_on) -> IdeaCampaign:
    if not _may_run(actor):
        raise AccessDenied("공모는 친절·보호 담당이나 관리자가 엽니다.")
    if not starts_on or not ends_on or ends_on < starts_on:
        raise CareError("마감일은 시작일과 같거나 뒤여야 합니다.", field="ends_on")
    campaign = IdeaCampaign.objects.create(
        title=_text(title, 120, "공모 제목을 적어 주십시오.", "title"),
        description=(description or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    _event(actor, "campaign_created", campaign)
    return campaign


def _require_open(campaign: IdeaCampaign) -> None:
    if not campaign.is_open_on(timezone.localdate()):
        raise CareError("공모 기간이 아닙니다.")


@transaction.atomic
def submit_idea(actor, campaign: IdeaCampaign, *, title: str, body: str) -> Idea:
    _require_staff(actor)
    _require_open(campaign)
    idea = Idea.objects.create(
        campaign=campaign,
        author=actor,
        title=_text(title, 120, "제목을 적어 주십시오.", "title"),
        body=_text(body, 5000, "내용을 적어 주십시오.", "body"),
    )
    _event(actor, "idea_submitted", idea)
    return idea


def vote(actor, idea: Idea) -> IdeaVote:
    """One vote per staff member per idea; not for one's own idea; only while the campaign runs."""
    _require_staff(actor)
    _require_open(idea.campaign)
    if idea.author_id == actor.pk:
        raise CareError("본인의 아이디어에는 투표할 수 없습니다.")
    try:
        with transaction.atomic():
            row = IdeaVote.objects.create(idea=idea, voter=actor)
            _event(actor, "idea_voted", idea)
    except IntegrityError:
        raise CareError("이미 투표했습니다.") from None
    return row


@transaction.atomic
def select_idea(actor, idea: Idea, *, selected: bool = True) -> Idea:
    if not _may_run(actor):
        raise AccessDenied("선정은 친절·보호 담당이나 관리자가 합니다.")
    idea.is_selected = selected
    idea.selected_by, idea.selected_at = (actor, timezone.now()) if selected else (None, None)
    idea.save(update_fields=["is_selected", "selected_by", "selected_at"])
    _event(actor, "idea_selected" if selected else "idea_unselected", idea)
    return idea
