"""Staff idea box pages (친절시책 아이디어 공모)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from minwon.staff.views import forbidden, staff_page

from . import ideas
from .access import SELECT_ROLES
from .errors import CareError
from .forms import CampaignForm, IdeaForm
from .models import Idea, IdeaCampaign, IdeaVote
from .views import put_error


@require_http_methods(["GET", "POST"])
@staff_page()
def campaigns(request):
    may_run = request.user.has_role(*SELECT_ROLES)
    form = CampaignForm(request.POST or None) if may_run else None
    if request.method == "POST":
        if form is None:
            return forbidden(request)
        if form.is_valid():
            try:
                camp = ideas.create_campaign(request.user, **form.cleaned_data)
            except CareError as exc:
                put_error(form, exc)
            else:
                messages.success(request, _("공모를 열었습니다."))
                return redirect("care:campaign", campaign_pk=camp.pk)
    rows = IdeaCampaign.objects.annotate(n=Count("ideas"))
    return render(request, "care/ideas.html", {"rows": rows, "today": timezone.localdate(), "form": form})


@require_http_methods(["GET", "POST"])
@staff_page()
def campaign(request, campaign_pk: int):
    camp = get_object_or_404(IdeaCampaign, pk=campaign_pk)
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ideas.submit_idea(request.user, camp, **form.cleaned_data)
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(request, _("아이디어를 냈습니다."))
            return redirect("care:campaign", campaign_pk=camp.pk)
    rows = camp.ideas.select_related("author").annotate(n=Count("votes")).order_by("-is_selected", "-n", "pk")
    voted = set(
        IdeaVote.objects.filter(voter=request.user, idea__campaign=camp).values_list("idea_id", flat=True)
    )
    return render(
        request,
        "care/campaign.html",
        {
            "camp": camp,
            "rows": rows,
            "voted": voted,
            "form": form,
            "is_open": camp.is_open_on(timezone.localdate()),
            "may_select": request.user.has_role(*SELECT_ROLES),
        },
    )


@require_POST
@staff_page()
def vote(request, idea_pk: int):
    idea = get_object_or_404(Idea.objects.select_related("campaign"), pk=idea_pk)
    try:
        ideas.vote(request.user, idea)
    except CareError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("투표했습니다."))
    return redirect("care:campaign", campaign_pk=idea.campaign_id)


@require_POST
@staff_page(*SELECT_ROLES)
def select(request, idea_pk: int):
    idea = get_object_or_404(Idea, pk=idea_pk)
    ideas.select_idea(request.user, idea, selected=request.POST.get("selected", "1") == "1")
    messages.success(request, _("선정 여부를 바꿨습니다."))
    return redirect("care:campaign", campaign_pk=idea.campaign_id)
