"""Answer-quality pages: the reviewers' queue, one review, the department × month report."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minwon.accounts.models import Role
from minwon.staff.views import staff_page

from . import quality, queries
from .access import REVIEW_ROLES, is_care
from .choices import SampleStatus
from .errors import CareError
from .forms import ReviewForm
from .models import QualityCriterion, QualitySample
from .views import period_from, put_error


@require_GET
@staff_page(*REVIEW_ROLES)
def queue(request):
    samples = QualitySample.objects.select_related("complaint", "department", "batch", "handler")
    return render(
        request,
        "care/quality_queue.html",
        {
            "pending": samples.filter(status=SampleStatus.PENDING).order_by(
                "batch__week_start", "department__name"
            )[:100],
            "done": samples.filter(status=SampleStatus.REVIEWED).order_by("-reviewed_at")[:30],
            "awaiting": quality.awaiting_promotion().order_by("-reviewed_at")[:30],
            "may_promote": is_care(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page(*REVIEW_ROLES)
def review(request, sample_pk: int):
    sample = (
        QualitySample.objects.select_related("complaint", "complaint__category", "department", "handler")
        .filter(pk=sample_pk)
        .first()
    )
    if sample is None:
        raise Http404(_("표본을 찾을 수 없습니다."))
    criteria = QualityCriterion.objects.filter(is_active=True)
    initial: dict[str, object] = {
        f"c_{s.criterion.code}": str(s.score) for s in sample.scores.select_related("criterion")
    }
    initial.update(feedback=sample.feedback, recommend=sample.recommend_example)
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            quality.review_sample(
                request.user,
                sample,
                scores=form.scores(),
                feedback=form.cleaned_data["feedback"],
                recommend=form.cleaned_data["recommend"],
            )
        except CareError as exc:
            put_error(form, exc)
        else:
            messages.success(request, _("평가를 저장했습니다. 담당자에게 의견을 전했습니다."))
            return redirect("care:quality")
    return render(request, "care/quality_review.html", {"s": sample, "c": sample.complaint, "form": form})


@require_GET
@staff_page(*REVIEW_ROLES)
def report(request):
    form, start, end = period_from(request, months=6)
    cells = queries.quality_by_department_month(start, end)
    names: dict = quality.department_names()
    months = sorted({m for _, m in cells})
    depts = sorted({d for d, _ in cells}, key=lambda d: names.get(d, ""))
    rows = [{"name": names.get(d, "-"), "cells": [cells.get((d, m)) for m in months]} for d in depts]
    return render(request, "care/quality_report.html", {"form": form, "months": months, "rows": rows})


@require_POST
@staff_page(Role.CARE)
def promote(request, sample_pk: int):
    sample = QualitySample.objects.filter(pk=sample_pk).first()
    if sample is None:
        raise Http404(_("표본을 찾을 수 없습니다."))
    try:
        quality.promote_example(request.user, sample)
    except CareError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("우수 답변 사례로 상담자료에 실었습니다(이름·연락처는 가려집니다)."))
    return redirect("care:quality")
