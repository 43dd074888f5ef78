"""Forms of the 적극행정 pages (validation only; services decide and write)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minwon.accounts.models import User
from minwon.org.models import Department

from .models import ConsultationOpinion, Rating, RewardType

DATE = forms.DateInput(attrs={"type": "date"})
DATE_ERRORS = {
    "invalid": _("날짜를 2026-11-23 형식으로 입력해 주십시오."),
    "required": _("날짜를 입력해 주십시오."),
}


def staff_users():
    return (
        User.objects.filter(is_active=True, role_grants__isnull=False)
        .exclude(role_grants__role="citizen")
        .distinct()
        .order_by("display_name", "username")
    )


class TaskForm(forms.Form):
    year = forms.IntegerField(
        label=_("연도"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("연도를 입력해 주십시오.")},
    )
    title = forms.CharField(
        label=_("과제명"), max_length=200, error_messages={"required": _("과제명을 입력해 주십시오.")}
    )
    goal = forms.CharField(
        label=_("목표"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("목표를 입력해 주십시오.")},
    )
    owner_department = forms.ModelChoiceField(
        label=_("주관 부서"),
        queryset=Department.objects.none(),
        error_messages={"required": _("주관 부서를 골라 주십시오.")},
    )
    main_officer = forms.ModelChoiceField(
        label=_("주 담당자"),
        queryset=User.objects.none(),
        error_messages={"required": _("주 담당자를 골라 주십시오.")},
    )
    supporting_officers = forms.ModelMultipleChoiceField(
        label=_("보조 담당자"), queryset=User.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("시작일"), widget=DATE, required=False, error_messages=DATE_ERRORS)
    report_every_months = forms.IntegerField(label=_("보고 주기(개월)"), min_value=1, max_value=12, initial=1)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["main_officer"].queryset = staff_users()  # type: ignore[attr-defined]
        self.fields["supporting_officers"].queryset = staff_users()  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label=_("단계"), max_length=200, error_messages={"required": _("단계 이름을 입력해 주십시오.")}
    )
    due_on = forms.DateField(label=_("기한"), widget=DATE, error_messages=DATE_ERRORS)


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    period_start = forms.DateField(label=_("보고 대상 월(1일)"), widget=DATE, error_messages=DATE_ERRORS)
    body = forms.CharField(
        label=_("추진 내용"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("추진 내용을 입력해 주십시오.")},
    )
    progress = forms.IntegerField(
        label=_("진척률(%)"),
        min_value=0,
        max_value=100,
        error_messages={"required": _("진척률을 입력해 주십시오.")},
    )
    attachments = MultipleFileField(label=_("첨부 파일"), required=False)


class ConsultationForm(forms.Form):
    question = forms.CharField(
        label=_("사전컨설팅 질의 (법적 위험)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("질의 내용을 입력해 주십시오.")},
    )


class AnswerForm(forms.Form):
    opinion = forms.ChoiceField(label=_("의견"), choices=ConsultationOpinion.choices)
    answer = forms.CharField(
        label=_("회신"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("회신 내용을 입력해 주십시오.")},
    )


class EvaluationForm(forms.Form):
    rating = forms.ChoiceField(label=_("평가 등급"), choices=Rating.choices)
    exemplary_failure = forms.BooleanField(
        label=_("모범적 실패로 인정 (목표 미달이나 과정이 적극적·창의적)"), required=False
    )
    comment = forms.CharField(label=_("평가 의견"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExcellentForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("우수공무원"),
        queryset=User.objects.none(),
        error_messages={"required": _("담당자를 골라 주십시오.")},
    )
    rewards = forms.ModelMultipleChoiceField(
        label=_("포상 (주 담당자는 2개까지)"),
        queryset=RewardType.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("포상 종류를 골라 주십시오.")},
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(pk__in=task.officer_ids())  # type: ignore[attr-defined]


class RewardChoiceForm(forms.Form):
    """The selected official's own choice of reward types."""

    rewards = forms.ModelMultipleChoiceField(
        label=_("희망 포상 (주 담당자는 2개까지, 그 밖의 담당자는 1개)"),
        queryset=RewardType.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("포상 종류를 골라 주십시오.")},
    )


class TrainingForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("직원"), queryset=User.objects.none(), error_messages={"required": _("직원을 골라 주십시오.")}
    )
    title = forms.CharField(label=_("교육명"), max_length=120, initial="적극행정 교육")
    completed_on = forms.DateField(label=_("이수일"), widget=DATE, error_messages=DATE_ERRORS)
    hours = forms.DecimalField(label=_("시간"), min_value=0, max_value=100, decimal_places=1, initial=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_users()  # type: ignore[attr-defined]
