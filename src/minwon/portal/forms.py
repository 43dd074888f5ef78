"""Citizen forms. Intake rules live in `complaints.intake`; these forms only carry the input.

Fields the service validates stay optional for Django (so every problem comes back at once, as a
Korean sentence from one place) and are marked `mark_required` so the label still says (필수).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from minwon.complaints.choices import NotifyChannel, Visibility
from minwon.complaints.models import Category


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to MINWON_MAX_ATTACHMENTS photos; the count and the contents are checked by intake."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _required(field: forms.Field) -> forms.Field:
    field.mark_required = True  # type: ignore[attr-defined]
    return field


class ServiceValidatedForm(forms.Form):
    # Server-side validation with Korean sentences next to the field; the browser's own
    # pop-ups would pre-empt them in a different language and style.
    use_required_attribute = False


class ComplaintForm(ServiceValidatedForm):
    category = forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True), to_field_name="code", widget=forms.HiddenInput
    )
    title = _required(forms.CharField(label=_("제목"), max_length=200, required=False))
    body = _required(
        forms.CharField(
            label=_("내용"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 7}),
            help_text=_("무엇이, 언제부터, 어떻게 불편한지 적어 주시면 빨리 처리할 수 있습니다."),
        )
    )
    address = forms.CharField(
        label=_("위치(주소)"),
        max_length=200,
        required=False,
        help_text=_("도로명 주소나 가까운 건물, 눈에 띄는 장소를 적어 주십시오."),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)
    photos = MultipleFileField(
        label=_("사진"),
        required=False,
    )
    use_photo_location = forms.BooleanField(label=_("사진의 위치 정보를 민원 위치로 사용"), required=False)
    visibility = forms.ChoiceField(
        label=_("공개 여부"),
        choices=[
            (Visibility.PRIVATE, _("비공개 — 처리 담당자만 봅니다")),
            (Visibility.PUBLIC, _("공개 — 다른 주민도 내용과 답변을 볼 수 있습니다 (개인정보는 가림)")),
        ],
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("이름"), max_length=50, required=False)
    phone = forms.CharField(
        label=_("휴대전화"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("예: 010-1234-5678"),
    )
    email = forms.CharField(
        label=_("전자우편"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    postal_address = forms.CharField(
        label=_("우편 받을 주소"),
        max_length=200,
        required=False,
        help_text=_("우편(서면)으로 답변을 받으려면 적어 주십시오."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    notify_channels = forms.MultipleChoiceField(
        label=_("답변 받을 방법"),
        choices=NotifyChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("여러 개를 고를 수 있습니다."),
    )
    consent = forms.BooleanField(
        label=_("개인정보 수집·이용에 동의합니다"),
        required=False,
        help_text=_(
            "수집 항목: 이름, 연락처, 주소 · 목적: 민원 처리와 결과 통지 · 보유 기간: 민원 종결 후 "
            "법령이 정한 기간 · 동의하지 않으면 연락처를 남길 수 없습니다."
        ),
    )

    def __init__(self, *args, category: Category, **kwargs):
        super().__init__(*args, **kwargs)
        self.category_obj = category
        self.fields["photos"].help_text = _(
            "사진은 %(n)d장까지 올릴 수 있습니다. 사진 속 위치·기기 정보는 지우고 저장합니다."
        ) % {"n": settings.MINWON_MAX_ATTACHMENTS}
        self.fields["category"].initial = category.code
        self.extra_keys: list[str] = []
        for question in category.extra_questions or []:
            key = str(question.get("key") or "").strip()
            if not key:
                continue
            name = f"extra_{key}"
            self.extra_keys.append(key)
            self.fields[name] = forms.CharField(
                label=question.get("label") or key,
                max_length=500,
                required=bool(question.get("required")),
                help_text=question.get("help", ""),
                error_messages={
                    "required": _("'%(label)s' 항목을 입력해 주십시오.")
                    % {"label": question.get("label") or key}
                },
            )

    def extra_fields(self):
        return [self[f"extra_{key}"] for key in self.extra_keys]

    def extra_answers(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"extra_{key}"].strip()
            for key in self.extra_keys
            if self.cleaned_data.get(f"extra_{key}", "").strip()
        }


class TrackForm(ServiceValidatedForm):
    tracking_no = forms.CharField(
        label=_("접수번호"),
        max_length=20,
        help_text=_("예: 2026-0000123"),
        error_messages={"required": _("접수번호를 입력해 주십시오.")},
    )
    contact = forms.CharField(
        label=_("신청할 때 적은 휴대전화 또는 전자우편"),
        max_length=254,
        error_messages={"required": _("휴대전화 번호나 전자우편 주소를 입력해 주십시오.")},
    )


class WithdrawForm(ServiceValidatedForm):
    reason = forms.CharField(
        label=_("취하 사유"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("적지 않아도 됩니다."),
    )


class ReopenForm(ServiceValidatedForm):
    reason = _required(
        forms.CharField(
            label=_("해결되지 않은 점"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("어떤 점이 아직 해결되지 않았는지 적어 주시면 같은 부서에서 다시 처리합니다."),
        )
    )
