"""Filter forms of the insight pages: they only validate; bad input keeps what was typed."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from minwon.complaints.choices import Channel, Status

DATE_ERRORS = {"invalid": _("날짜를 2026-11-23 형식으로 입력해 주십시오.")}
UNITS = [("day", _("일별")), ("week", _("주별")), ("month", _("월별"))]
MAX_DAYS = 3 * 366


class ScopeForm(forms.Form):
    start = forms.DateField(
        label=_("접수일(부터)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )
    end = forms.DateField(
        label=_("접수일(까지)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )
    department = forms.ChoiceField(label=_("부서"), required=False)
    category = forms.ChoiceField(label=_("유형"), required=False)
    channel = forms.ChoiceField(
        label=_("접수 경로"), required=False, choices=[("", _("전체 경로")), *Channel.choices]
    )
    unit = forms.ChoiceField(label=_("기간 단위"), required=False, choices=UNITS)

    def __init__(self, data, *, departments, all_departments: bool, categories):
        super().__init__(data)
        first = [("", _("전체 부서") if all_departments else _("내 부서 전체"))]
        unrouted = [("none", _("부서 미배정"))] if all_departments else []
        self.fields["department"].choices = [  # type: ignore[attr-defined]
            *first,
            *[(str(d.pk), d.name) for d in departments],
            *unrouted,
        ]
        self.fields["category"].choices = [("", _("전체 유형")), *[(str(c.pk), c.name) for c in categories]]  # type: ignore[attr-defined]

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("끝 날짜가 시작 날짜보다 앞설 수 없습니다."))
        elif start and end and end - start > timedelta(days=MAX_DAYS):
            self.add_error("end", _("기간은 3년 이내로 골라 주십시오."))
        return cleaned


class MapForm(forms.Form):
    status = forms.ChoiceField(
        label=_("상태"),
        required=False,
        choices=[("", _("전체 상태")), ("open", _("처리 중 전체")), *Status.choices],
    )
