"""적극행정 pages: key tasks by year, one task with its reports, 사전컨설팅 and evaluation, training."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from minwon.accounts.models import Role
from minwon.org.models import Department
from minwon.staff.views import staff_page

from . import schedule, services
from .forms import (
    AnswerForm,
    ConsultationForm,
    EvaluationForm,
    ExcellentForm,
    MilestoneForm,
    ReportForm,
    RewardChoiceForm,
    TaskForm,
    TrainingForm,
)
from .models import ExcellentOfficial, KeyTask, Milestone, PreConsultation, ReportAttachment, TrainingRecord
from .services import ProactiveError


def _task(pk: int) -> KeyTask:
    return get_object_or_404(KeyTask.objects.select_related("owner_department", "main_officer"), pk=pk)


def _creatable_departments(user):
    if user.has_role(Role.ADMIN):
        return Department.objects.active().order_by("name")
    return Department.objects.filter(pk__in=user.headed_department_ids).order_by("name")


@require_GET
@staff_page()
def task_list(request):
    year = request.GET.get("year", "")
    year_n = int(year) if year.isdigit() else timezone.localdate().year
    tasks = KeyTask.objects.filter(year=year_n).select_related(
        "owner_department", "main_officer", "evaluation"
    )
    today = timezone.localdate()
    rows = [(t, schedule.overdue_periods(t, today)) for t in tasks]
    # The year-end results in one place: excellent officials with their rewards, and the tasks
    # recognised as exemplary failures.
    excellent = (
        ExcellentOfficial.objects.filter(task__year=year_n)
        .select_related("user", "task")
        .prefetch_related("rewards")
        .order_by("task__title", "user__display_name")
    )
    years = sorted(set(KeyTask.objects.values_list("year", flat=True)) | {today.year}, reverse=True)
    return render(
        request,
        "proactive/list.html",
        {
            "rows": rows,
            "year": year_n,
            "years": years,
            "can_create": _creatable_departments(request.user).exists(),
            "excellent": list(excellent),
            "exemplary_failures": [
                t for t in tasks if getattr(t, "evaluation", None) and t.evaluation.exemplary_failure
            ],
        },
    )


@staff_page()
def task_new(request):
    departments = _creatable_departments(request.user)
    if not departments.exists():
        return redirect("proactive:list")
    form = TaskForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            task = services.create_task(
                request.user,
                year=cd["year"],
                title=cd["title"],
                goal=cd["goal"],
                owner_department=cd["owner_department"],
                main_officer=cd["main_officer"],
                supporting_officers=cd["supporting_officers"],
                starts_on=cd["starts_on"],
                report_every_months=cd["report_every_months"],
            )
        except ProactiveError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "중점과제를 등록했습니다.")
            return redirect("proactive:detail", task.pk)
    return render(request, "proactive/new.html", {"form": form})


def _my_selection(task, user) -> ExcellentOfficial | None:
    return (
        ExcellentOfficial.objects.filter(task=task, user=user).prefetch_related("rewards").first()
        if user.is_authenticated
        else None
    )


def _forms(task, data=None, files=None, which: str = "", user=None):
    def bound(name, cls, **kw):
        return cls(data, files, **kw) if which == name else cls(**kw)

    mine = _my_selection(task, user) if user is not None else None
    return {
        "my_selection": mine,
        "choose_form": bound(
            "choose",
            RewardChoiceForm,
            prefix="choose",  # the admin's selection form on the same page has a `rewards` field too
            initial={"rewards": list(mine.rewards.all()) if mine else []},
        ),
        "milestone_form": bound("milestone", MilestoneForm),
        "report_form": bound("report", ReportForm),
        "consult_form": bound("consult", ConsultationForm),
        "eval_form": bound("evaluate", EvaluationForm, initial=_evaluation_initial(task)),
        "excellent_form": bound("excellent", ExcellentForm, task=task),
    }


def _evaluation_initial(task) -> dict:
    """A task already rated opens its form on that rating (re-rating starts from what is there)."""
    ev = getattr(task, "evaluation", None)
    if ev is None:
        return {}
    return {"rating": ev.rating, "exemplary_failure": ev.exemplary_failure, "comment": ev.comment}


def _detail(request, task, forms, status=200):
    user, today = request.user, timezone.localdate()
    return render(
        request,
        "proactive/detail.html",
        {
            "task": task,
            "supporting": list(task.supporting_officers.all()),
            "milestones": list(task.milestones.all()),
            "reports": list(task.reports.select_related("author").prefetch_related("attachments")),
            "consultations": list(task.consultations.select_related("requester", "answered_by")),
            "evaluation": getattr(task, "evaluation", None),
            "excellent": list(task.excellent_officials.select_related("user").prefetch_related("rewards")),
            "overdue": schedule.overdue_periods(task, today),
            "periods": schedule.periods(task),
            "today": today,
            "may_manage": services.may_manage(user, task),
            "is_officer": services.is_officer(user, task),
            "is_auditor": user.has_role(Role.AUDITOR),
            "is_admin": user.has_role(Role.ADMIN),
            "answer_form": AnswerForm(),
            **forms,
        },
        status=status,
    )


@require_GET
@staff_page()
def task_detail(request, pk: int):
    task = _task(pk)
    return _detail(request, task, _forms(task, user=request.user))


ACTIONS = ("milestone", "report", "consult", "evaluate", "excellent", "choose")


@require_POST
@staff_page()
def task_act(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    task = _task(pk)
    forms = _forms(task, request.POST, request.FILES, action, user=request.user)
    form = forms[
        {
            "milestone": "milestone_form",
            "report": "report_form",
            "consult": "consult_form",
            "evaluate": "eval_form",
            "excellent": "excellent_form",
            "choose": "choose_form",
        }[action]
    ]
    if form.is_valid():
        try:
            _run(request, task, action, form.cleaned_data)
        except ProactiveError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            return redirect("proactive:detail", task.pk)
    return _detail(request, task, forms, status=400)


def _run(request, task, action: str, cd) -> None:
    user = request.user
    if action == "milestone":
        services.add_milestone(user, task, title=cd["title"], due_on=cd["due_on"])
        messages.success(request, "추진 단계를 추가했습니다.")
    elif action == "report":
        files = cd["attachments"]
        services.submit_report(
            user, task, period_start=cd["period_start"], body=cd["body"], progress=cd["progress"], files=files
        )
        messages.success(request, "추진 상황을 보고했습니다.")
    elif action == "consult":
        services.request_consultation(user, task, question=cd["question"])
        messages.success(request, "사전컨설팅을 신청했습니다. 감사 부서가 회신합니다.")
    elif action == "evaluate":
        services.evaluate_task(
            user, task, rating=cd["rating"], exemplary_failure=cd["exemplary_failure"], comment=cd["comment"]
        )
        messages.success(request, "연말 평가를 기록했습니다.")
    elif action == "excellent":
        services.select_excellent(user, task, user=cd["user"], rewards=list(cd["rewards"]))
        messages.success(request, "우수공무원을 선발했습니다.")
    elif action == "choose":
        selection = _my_selection(task, user)
        if selection is None:
            raise PermissionDenied("이 과제의 우수공무원으로 선발되지 않았습니다.")
        services.choose_rewards(user, selection, rewards=list(cd["rewards"]))
        messages.success(request, "희망 포상을 저장했습니다.")


@require_POST
@staff_page()
def milestone_done(request, pk: int):
    milestone = get_object_or_404(Milestone.objects.select_related("task"), pk=pk)
    services.complete_milestone(request.user, milestone)
    return redirect("proactive:detail", milestone.task_id)


@require_POST
@staff_page(Role.AUDITOR)
def consultation_answer(request, pk: int):
    c = get_object_or_404(PreConsultation.objects.select_related("task"), pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_consultation(
                request.user, c, opinion=form.cleaned_data["opinion"], answer=form.cleaned_data["answer"]
            )
        except ProactiveError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "사전컨설팅에 회신했습니다.")
    else:
        messages.error(request, "의견과 회신 내용을 모두 입력해 주십시오.")
    return redirect("proactive:detail", c.task_id)


@staff_page()
def training(request):
    is_admin = request.user.has_role(Role.ADMIN)
    form = TrainingForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            return redirect("proactive:training")
        if form.is_valid():
            cd = form.cleaned_data
            try:
                services.record_training(
                    request.user,
                    user=cd["user"],
                    title=cd["title"],
                    completed_on=cd["completed_on"],
                    hours=cd["hours"],
                )
            except ProactiveError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, "교육 이수를 기록했습니다.")
                return redirect("proactive:training")
    records = TrainingRecord.objects.select_related("user").order_by("-completed_on")[:200]
    return render(
        request,
        "proactive/training.html",
        {"form": form, "records": records, "is_admin": is_admin},
        status=400 if form.errors else 200,
    )


@require_GET
@staff_page()
def attachment(request, pk: int):
    """A progress report's attachment, for the staff who may see the task (every staff member)."""
    att = get_object_or_404(ReportAttachment.objects.select_related("report"), pk=pk)
    response = FileResponse(
        att.file.open("rb"),
        content_type="application/octet-stream",
        as_attachment=True,
        filename=att.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
