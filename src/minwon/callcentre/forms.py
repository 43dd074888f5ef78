"""Forms of the call console, the reports and 구술민원. They validate; the services decide."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minwon.complaints.choices import Channel
from minwon.complaints.models import Category

from .models import CallTopic, OralType
from .phones import normalise
from .services import ABUSE_REASONS


def _categories():
    return Category.objects.filter(is_active=True, children__isnull=True).order_by("sort_order", "code")


class TopicSelect(forms.Select):
    """Each option carries its recommended call time for the console timer (data-minutes)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        minutes = getattr(getattr(value, "instance", None), "recommended_minutes", None)
        if minutes:
            option["attrs"]["data-minutes"] = str(minutes)
        return option


class CallForm(forms.Form):
    phone = forms.CharField(label=_("발신 번호"), required=False, max_length=20)
    name = forms.CharField(label=_("민원인 이름"), required=False, max_length=50)
    topic = forms.ModelChoiceField(
        label=_("상담 주제"),
        queryset=CallTopic.objects.filter(is_active=True),
        widget=TopicSelect,
        empty_label=None,
        error_messages={"required": _("상담 주제를 선택해 주십시오.")},
    )
    summary = forms.CharField(label=_("상담 내용"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    started_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)
    answered_at_once = forms.TypedChoiceField(
        label=_("바로 답변했습니까?"),
        choices=[("yes", _("예, 통화 중에 해결했습니다")), ("no", _("아니요, 민원으로 넘깁니다"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": _("바로 답변했는지 골라 주십시오.")},
    )
    category = forms.ModelChoiceField(
        label=_("민원 유형 (민원으로 넘길 때)"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("상담 주제의 기본 유형"),
        help_text=_("비워 두면 상담 주제의 기본 유형으로 접수합니다."),
    )
    title = forms.CharField(label=_("민원 제목 (민원으로 넘길 때)"), required=False, max_length=200)
    consent = forms.BooleanField(label=_("민원인이 개인정보 수집·이용에 구두로 동의했습니다"), required=False)
    abuse_reason = forms.ChoiceField(
        label=_("강제 종료 사유"), choices=list(ABUSE_REASONS.items()), required=False, initial="verbal_abuse"
    )
    abuse_note = forms.CharField(
        label=_("종료 경위 (선택)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _categories()


class ReportForm(forms.Form):
    start = forms.DateField(label=_("시작일"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    end = forms.DateField(label=_("종료일"), widget=forms.DateInput(attrs={"type": "date"}), required=False)

    def clean(self):
        data = super().clean() or {}
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=29)
        if start > end:
            self.add_error("start", _("시작일이 종료일보다 뒤입니다."))
        elif (end - start).days > 366:
            self.add_error("start", _("기간은 1년 이내로 골라 주십시오."))
        data["start"], data["end"] = start, end
        return data

    def period(self) -> tuple[date, date]:
        return self.cleaned_data["start"], self.cleaned_data["end"]


def _req(message):
    return {"required": message}


class OralForm(forms.Form):
    """Every field checked at once, with the services' own Korean messages, so nothing is lost."""

    channel = forms.ChoiceField(
        label=_("경로"),
        choices=[(Channel.VISIT, _("방문(창구)")), (Channel.CALL, _("전화"))],
        widget=forms.RadioSelect,
        initial=Channel.VISIT,
    )
    oral_type = forms.ModelChoiceField(
        label=_("구술민원 종류"),
        queryset=OralType.objects.filter(is_active=True),
        empty_label=_("선택해 주십시오"),
        error_messages=_req(_("구술민원 종류를 선택해 주십시오.")),
    )
    category = forms.ModelChoiceField(
        label=_("민원 유형"),
        queryset=Category.objects.none(),
        empty_label=_("선택해 주십시오"),
        error_messages=_req(_("민원 유형을 선택해 주십시오.")),
    )
    name = forms.CharField(
        label=_("민원인 이름"), max_length=50, error_messages=_req(_("민원인 이름을 입력해 주십시오."))
    )
    phone = forms.CharField(
        label=_("민원인 휴대전화"),
        max_length=20,
        help_text=_("인증번호와 처리 결과를 받을 번호"),
        error_messages=_req(_("확인 문자와 결과를 받을 전화번호를 입력해 주십시오. 예: 010-1234-5678")),
    )
    title = forms.CharField(
        label=_("제목"), max_length=200, error_messages=_req(_("제목을 입력해 주십시오."))
    )
    body = forms.CharField(
        label=_("민원 내용 (민원인이 말한 대로)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=_req(_("민원인이 말한 내용을 적어 주십시오.")),
    )
    address = forms.CharField(label=_("위치(주소)"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_("민원인이 개인정보 수집·이용에 동의했습니다"),
        error_messages=_req(_("민원인에게 개인정보 수집·이용 동의를 받아 주십시오.")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _categories()

    def clean_phone(self):
        if not normalise(self.cleaned_data["phone"]):
            raise forms.ValidationError(_("전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678"))
        return self.cleaned_data["phone"]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("민원인이 불러 준 인증번호 6자리"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": _("인증번호를 입력해 주십시오.")},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("취소 사유"), max_length=200, error_messages={"required": _("취소 사유를 적어 주십시오.")}
    )
