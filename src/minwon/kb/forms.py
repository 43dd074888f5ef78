"""Forms of the knowledge-base pages; they validate input, the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from minwon.org.models import Department

from .models import Section


class ArticleForm(forms.Form):
    title = forms.CharField(
        label=_("제목"), max_length=200, error_messages={"required": _("제목을 입력해 주십시오.")}
    )
    section = forms.ChoiceField(label=_("구분"), choices=Section.choices)
    department = forms.ModelChoiceField(
        label=_("담당 부서"),
        queryset=Department.objects.none(),
        error_messages={"required": _("담당 부서를 선택해 주십시오.")},
    )
    tags = forms.CharField(
        label=_("태그"), required=False, max_length=200, help_text=_("쉼표로 구분: 여권, 발급")
    )
    body = forms.CharField(
        label=_("내용"),
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": _("내용을 입력해 주십시오.")},
    )
    review_by = forms.DateField(
        label=_("검토 기한"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("이 날짜가 지나면 담당 부서에 검토 알림이 갑니다."),
        error_messages={
            "required": _("검토 기한을 입력해 주십시오."),
            "invalid": _("날짜 형식이 올바르지 않습니다."),
        },
    )
    note = forms.CharField(label=_("수정 사유"), required=False, max_length=200)

    def __init__(self, *args, departments=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = departments if departments is not None else Department.objects.none()
        if editing:
            del self.fields["department"]
        else:
            del self.fields["note"]


class SuggestionForm(forms.Form):
    body = forms.CharField(
        label=_("고친 내용"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("제안할 내용을 입력해 주십시오.")},
    )
    note = forms.CharField(
        label=_("제안 사유"),
        max_length=300,
        help_text=_("무엇이 틀렸거나 빠졌는지 적어 주십시오."),
        error_messages={"required": _("무엇을 왜 고쳐야 하는지 적어 주십시오.")},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("처리"), choices=[("accept", _("반영")), ("reject", _("반려"))])
    note = forms.CharField(label=_("처리 의견"), required=False, max_length=300)
