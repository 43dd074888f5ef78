"""Forms of the field pages. They only parse input; `services.file_report` decides and writes."""

from __future__ import annotations

import uuid
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import FieldCategory
from .services import TITLE_MAX


class CategoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class ReportForm(forms.Form):
    """One observation. Photos come from request.FILES ("photos", from the camera or the album)."""

    category = CategoryChoice(
        label=_("분류"),
        queryset=FieldCategory.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("분류를 하나 골라 주십시오."),
            "invalid_choice": _("분류를 다시 골라 주십시오."),
        },
    )
    text = forms.CharField(
        label=_("무엇을 보았나요? (한 줄)"),
        max_length=TITLE_MAX,
        error_messages={"required": _("무엇을 보았는지 한 줄로 적어 주십시오.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "enterkeyhint": "send"}),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)
    accuracy = forms.FloatField(required=False, min_value=0, widget=forms.HiddenInput)
    client_id = forms.UUIDField(widget=forms.HiddenInput)
    observed_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("client_id", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = FieldCategory.objects.active().select_related("category")  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean() or {}
        # Half a position is no position (a tampered or broken client): drop both.
        if (data.get("lat") is None) != (data.get("lng") is None):
            data["lat"] = data["lng"] = None
        return data


def half_choices():
    return [(1, _("상반기 (1–6월)")), (2, _("하반기 (7–12월)"))]


class PeriodForm(forms.Form):
    year = forms.TypedChoiceField(label=_("연도"), coerce=int)
    half = forms.TypedChoiceField(label=_("반기"), coerce=int, widget=forms.RadioSelect)
    department = forms.TypedChoiceField(label=_("부서"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, departments=(), allow_all: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = range(this_year, this_year - 5, -1)
        self.fields["year"].choices = [(y, f"{y}년") for y in years]  # type: ignore[attr-defined]
        self.fields["half"].choices = half_choices()  # type: ignore[attr-defined]
        options: list[tuple[object, object]] = [(d.pk, d.name) for d in departments]
        if allow_all:
            options.insert(0, ("", _("전체 부서")))
        self.fields["department"].choices = options  # type: ignore[attr-defined]
        self.fields["department"].required = not allow_all


def current_half(today: date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return today.year, 1 if today.month <= 6 else 2
