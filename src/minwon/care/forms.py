"""Forms of the care pages. Rules live in the services; forms only shape input and say what is wrong."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minwon.accounts.models import Role, User
from minwon.org.models import Department

from .choices import IncidentContext, IncidentKind, PraiseChannel, ReferralKind, ReportOutcome

SCALE = [
    (str(n), label)
    for n, label in ((5, _("5 매우 좋음")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 매우 나쁨")))
]


def _req(message):
    return {"required": message, "invalid_choice": message}


def staff_people():
    """Employees a citizen may name: officers, heads, desk clerks and agents (not citizens)."""
    roles = (Role.OFFICER, Role.HEAD, Role.DESK, Role.AGENT, Role.STAFF)
    return (
        User.objects.filter(is_active=True, role_grants__role__in=roles)
        .distinct()
        .order_by("display_name", "username")
    )


def _person_label(user) -> str:
    membership = next(iter(user.memberships.all()), None)
    return f"{user} ({membership.department.name})" if membership else str(user)


class SatisfactionForm(forms.Form):
    resolved = forms.TypedChoiceField(
        label=_("민원이 해결되었습니까?"),
        choices=[("yes", _("해결되었어요")), ("no", _("해결되지 않았어요"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages=_req(_("해결되었는지 골라 주십시오.")),
    )
    kindness = forms.TypedChoiceField(
        label=_("담당 직원은 친절했습니까?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_req(_("친절도를 골라 주십시오.")),
    )
    speed = forms.TypedChoiceField(
        label=_("처리는 신속했습니까?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_req(_("신속성을 골라 주십시오.")),
    )
    comment = forms.CharField(
        label=_("하고 싶은 말씀(선택)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("다시 처리를 요청하실 때에는 해결되지 않은 점을 적어 주십시오."),
    )
    reopen = forms.BooleanField(label=_("같은 부서에서 다시 처리해 주십시오 (재처리 요청)"), required=False)


class PhoneSurveyForm(SatisfactionForm):
    reopen = None  # type: ignore[assignment]  # the officer records; reopening is the citizen's call


class PraiseForm(forms.Form):
    employee = forms.ModelChoiceField(
        label=_("칭찬할 직원"), queryset=User.objects.none(), required=False, empty_label=_("직원 선택")
    )
    department = forms.ModelChoiceField(
        label=_("또는 부서"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("부서 선택"),
        help_text=_("직원 이름을 모르시면 부서만 골라 주셔도 됩니다."),
    )
    body = forms.CharField(
        label=_("칭찬 내용"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("칭찬하실 내용을 적어 주십시오.")},
    )
    praiser_name = forms.CharField(label=_("성함(선택)"), max_length=50, required=False)
    channel = forms.ChoiceField(
        label=_("접수 경로"), choices=PraiseChannel.choices, initial=PraiseChannel.WEB
    )

    def __init__(self, *args, on_behalf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        employee = cast(forms.ModelChoiceField, self.fields["employee"])
        employee.queryset = staff_people().prefetch_related("memberships__department")
        employee.label_from_instance = _person_label  # type: ignore[method-assign,assignment]
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = Department.objects.active().order_by("name")
        if not on_behalf:
            del self.fields["channel"]

    def clean(self):
        data = super().clean() or {}
        if not data.get("employee") and not data.get("department"):
            self.add_error("employee", _("칭찬할 직원이나 부서를 골라 주십시오."))
        return data


class UnkindForm(PraiseForm):
    named_text = forms.CharField(
        label=_("직원을 목록에서 찾을 수 없으면 직접 적어 주십시오(선택)"), max_length=100, required=False
    )
    body = forms.CharField(
        label=_("있었던 일"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("어떤 일이 있었는지 적어 주십시오.")},
    )
    praiser_name = None  # type: ignore[assignment]
    reporter_name = forms.CharField(label=_("성함(선택)"), max_length=50, required=False)
    reporter_phone = forms.CharField(
        label=_("연락처(선택)"),
        max_length=20,
        required=False,
        help_text=_("처리 결과를 알려 드릴 번호입니다. 신고된 직원에게는 알리지 않습니다."),
    )
    field_order = [
        "employee",
        "department",
        "named_text",
        "body",
        "reporter_name",
        "reporter_phone",
        "channel",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].label = _("불친절했던 직원(선택)")

    def clean(self):
        return forms.Form.clean(self)  # naming someone is optional for a report


class ForwardPraiseForm(PraiseForm):
    """A 칭찬 민원 forwarded by staff: the praiser and channel come from the 민원 itself."""

    praiser_name = None  # type: ignore[assignment]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, on_behalf=False, **kwargs)
        self.fields["body"].label = _("전할 칭찬 내용")
        self.fields["body"].help_text = _(
            "민원 내용을 그대로 두거나 줄여 쓰십시오. 민원인 이름은 가려서 보입니다."
        )


class ForwardUnkindForm(UnkindForm):
    """A 불친절 신고 민원 forwarded to the care officers: the reporter comes from the 민원."""

    reporter_name = None  # type: ignore[assignment]
    reporter_phone = None  # type: ignore[assignment]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, on_behalf=False, **kwargs)


class ReportOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("처리 결과"), choices=[("", "-"), *ReportOutcome.choices])
    note = forms.CharField(label=_("처리 내용"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class ReviewForm(forms.Form):
    """One 1–5 radio group per active criterion, plus feedback and the example recommendation."""

    feedback = forms.CharField(
        label=_("담당자에게 주는 의견"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        help_text=_("담당자가 자기 화면에서 봅니다."),
    )
    recommend = forms.BooleanField(
        label=_("모범 답변으로 추천 (상담자료에 이름을 가려 싣기)"), required=False
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"c_{c.code}"] = forms.TypedChoiceField(
                label=f"{c.name} (×{format(c.weight.normalize(), 'f')})",
                help_text=c.description,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=_req(_("%(name)s 점수를 골라 주십시오.") % {"name": c.name}),
            )
        self.order_fields([f"c_{c.code}" for c in self.criteria] + ["feedback", "recommend"])

    def scores(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[f"c_{c.code}"] for c in self.criteria}


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class IncidentForm(forms.Form):
    employee = forms.ModelChoiceField(
        label=_("피해 직원"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("나 (본인)"),
        help_text=_("동료가 겪은 일을 대신 신고할 때 고르십시오. 그 직원에게도 알립니다."),
    )
    kind = forms.ChoiceField(
        label=_("유형"),
        choices=IncidentKind.choices,
        widget=forms.RadioSelect,
        error_messages=_req(_("유형을 골라 주십시오.")),
    )
    context = forms.ChoiceField(
        label=_("상황"),
        choices=IncidentContext.choices,
        widget=forms.RadioSelect,
        error_messages=_req(_("어디에서 있었던 일인지 골라 주십시오.")),
    )
    tracking_no = forms.CharField(
        label=_("민원 접수번호"), max_length=20, required=False, help_text=_("예: 2026-0000123")
    )
    call_ref = forms.CharField(label=_("통화·방문 기록(선택)"), max_length=100, required=False)
    applicant_phone = forms.CharField(
        label=_("상대방 전화번호(선택)"),
        max_length=20,
        required=False,
        help_text=_("전화·방문에서 있었던 일이면 업무 분리에 씁니다. 민원이면 비워 두셔도 됩니다."),
    )
    occurred_at = forms.DateTimeField(
        label=_("발생 시각"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": _("언제 있었던 일인지 적어 주십시오."),
            "invalid": _("시각 형식이 올바르지 않습니다."),
        },
    )
    narrative = forms.CharField(
        label=_("있었던 일"),
        widget=forms.Textarea(attrs={"rows": 7}),
        max_length=10000,
        error_messages={"required": _("있었던 일을 적어 주십시오.")},
    )
    evidence = MultipleFileField(
        label=_("증거 자료(녹음·사진·영상, 선택)"),
        required=False,
        help_text=_("담당자만 볼 수 있게 따로 보관합니다."),
    )
    wants_police = forms.BooleanField(label=_("수사기관 신고·고발을 원합니다"), required=False)
    wants_legal = forms.BooleanField(label=_("법률 지원을 원합니다"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        employee = cast(forms.ModelChoiceField, self.fields["employee"])
        employee.queryset = staff_people().prefetch_related("memberships__department")
        employee.label_from_instance = _person_label  # type: ignore[method-assign,assignment]
        if not self.is_bound:
            self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class RestForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("휴식 시작"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("휴식 끝"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    note = forms.CharField(label=_("메모(선택)"), max_length=200, required=False)


class SeparateForm(forms.Form):
    days = forms.IntegerField(label=_("분리 기간(일)"), min_value=1, max_value=3650)
    new_handler = forms.ModelChoiceField(
        label=_("새 담당자"), queryset=User.objects.none(), required=False, empty_label=_("선택")
    )

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["new_handler"]).queryset = handlers


class CautionForm(forms.Form):
    note = forms.CharField(
        label=_("직원에게 보일 안내"),
        max_length=200,
        help_text=_("예: 응대 시 2인 이상 동석, 통화 녹음 안내. 신고자나 경위는 적지 마십시오."),
    )
    days = forms.IntegerField(label=_("표시 기간(일)"), min_value=1, max_value=3650, initial=365)


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label=_("종류"), choices=ReferralKind.choices)
    agency = forms.CharField(label=_("기관"), max_length=100)
    referred_on = forms.DateField(label=_("일자"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("내용(선택)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("제목"), max_length=120)
    body = forms.CharField(label=_("내용"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("공모 제목"), max_length=120)
    description = forms.CharField(
        label=_("안내(선택)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label=_("시작일"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("마감일"), widget=forms.DateInput(attrs={"type": "date"}))


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("시작일"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    end = forms.DateField(label=_("종료일"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
