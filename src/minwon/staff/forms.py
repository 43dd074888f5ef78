"""Forms of the staff pages. They only validate input; the services decide and write.

Field names match the `field` of the `ComplaintError`s the services raise, so a refusal is shown
next to the field it concerns. Action forms are built with `prefix=<action>` because a complaint
page carries many of them and their ids must stay unique.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from minwon.complaints import deadlines, hooks
from minwon.complaints.choices import Channel, ClosureReason, ExtensionReason, Kind, Status
from minwon.complaints.models import Category

from .queries import SORTS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _required(message: StrOrPromise) -> dict[str, StrOrPromise]:
    return {"required": message}


def set_choices(form: forms.Form, name: str, choices) -> None:
    """Fill a ChoiceField's options at run time (they depend on the user and the 민원)."""
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class Textarea(forms.Textarea):
    def __init__(self, rows: int = 4, **kwargs):
        super().__init__(attrs={"rows": rows, **kwargs})


class FastSelect(forms.Select):
    """A <select> built in Python instead of one template include per <option>.

    The worklist filter has ~100 options; Django's per-option template rendering was the largest
    single cost of the page (profiled at 100k 민원). Output matches Django's Select markup.
    """

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', name, _attrs(context["attrs"]))]
        for group_name, options, _index in context["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        str(option["value"]),
                        _attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append(mark_safe("</optgroup>"))
        parts.append(mark_safe("</select>"))
        return mark_safe("".join(parts))  # noqa: S308  (every part escaped by format_html)


def _attrs(attrs: dict) -> str:
    return format_html_join(
        "",
        " {}{}",
        (
            (key, "" if value is True else format_html('="{}"', value))
            for key, value in attrs.items()
            if value is not False and value is not None
        ),
    )


# --- worklist -------------------------------------------------------------------------------------

STATUS_FILTER_CHOICES = [
    ("open", _("처리 중인 민원 전체")),
    ("all", _("전체 상태")),
    *Status.choices,
]
SORT_CHOICES = [
    ("due", _("처리기한 빠른 순")),
    ("-due", _("처리기한 늦은 순")),
    ("received", _("도착 오래된 순")),
    ("-received", _("도착 최근 순")),
    ("status", _("상태 순")),
    ("relevance", _("검색어 관련도 순")),
]
assert {value for value, _label in SORT_CHOICES} == set(SORTS)


class WorklistFilterForm(forms.Form):
    q = forms.CharField(
        label=_("검색어"),
        required=False,
        max_length=100,
        help_text=_("제목·내용에 들어 있는 낱말, 또는 접수번호(예: 2026-0000123)"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    department = forms.ChoiceField(label=_("부서"), required=False, widget=FastSelect)
    status = forms.ChoiceField(
        label=_("상태"), required=False, choices=STATUS_FILTER_CHOICES, widget=FastSelect
    )
    category = forms.ModelChoiceField(
        label=_("유형"),
        required=False,
        queryset=Category.objects.none(),
        empty_label=_("전체 유형"),
        widget=FastSelect,
    )
    channel = forms.ChoiceField(
        label=_("접수 경로"),
        required=False,
        choices=[("", _("전체 경로")), *Channel.choices],
        widget=FastSelect,
    )
    handler = forms.ChoiceField(label=_("담당자"), required=False, widget=FastSelect)
    due_within = forms.IntegerField(
        label=_("처리기한 임박(근무시간)"),
        required=False,
        min_value=1,
        max_value=400,
        help_text=_("지금부터 이 근무시간 안에 기한이 끝나는 민원"),
        error_messages={
            "invalid": _("근무시간은 숫자로 입력해 주십시오."),
            "min_value": _("1시간 이상으로 입력해 주십시오."),
            "max_value": _("400시간 이하로 입력해 주십시오."),
        },
    )
    overdue = forms.BooleanField(label=_("기한이 지난 민원만"), required=False)
    received_from = forms.DateField(
        label=_("도착일(부터)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("날짜를 2026-11-23 형식으로 입력해 주십시오.")},
    )
    received_to = forms.DateField(
        label=_("도착일(까지)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("날짜를 2026-11-23 형식으로 입력해 주십시오.")},
    )
    sort = forms.ChoiceField(label=_("정렬"), required=False, choices=SORT_CHOICES, widget=FastSelect)

    def __init__(self, data, *, departments, all_departments: bool, handlers, categories):
        super().__init__(data)
        dept_choices = [(str(d.pk), d.name) for d in departments]
        if all_departments:
            dept_choices.insert(0, ("", _("전체 부서")))
        elif len(dept_choices) > 1:
            dept_choices.insert(0, ("", _("내 부서 전체")))
        set_choices(self, "department", dept_choices)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories
        set_choices(
            self,
            "handler",
            [
                ("", _("전체 담당자")),
                ("mine", _("내가 담당")),
                ("unassigned", _("담당자 미지정")),
                *[(str(u.pk), str(u)) for u in handlers],
            ],
        )

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("끝 날짜가 시작 날짜보다 앞설 수 없습니다."))
        return cleaned


class BulkAssignForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(
        label=_("선택한 민원"),
        coerce=int,
        error_messages=_required(_("담당자를 지정할 민원을 선택해 주십시오.")),
    )
    handler = forms.ChoiceField(
        label=_("지정할 담당자"), error_messages=_required(_("지정할 담당자를 선택해 주십시오."))
    )

    def __init__(self, data, *, ids, handlers):
        super().__init__(data)
        set_choices(self, "ids", [(i, i) for i in ids])
        handlers = list(handlers)
        away = hooks.unavailable_labels([u.pk for u in handlers])  # e.g. resting after an incident
        choices = [(str(u.pk), f"{u} · {away[u.pk]}" if u.pk in away else str(u)) for u in handlers]
        set_choices(self, "handler", [("", _("담당자 선택")), *choices])


# --- actions on one 민원 ---------------------------------------------------------------------------


class ActionForm(forms.Form):
    """Base of the lifecycle forms: knows the 민원 and the acting user for its choices."""

    def __init__(self, data=None, *, complaint, user, **kwargs):
        self.complaint, self.user = complaint, user
        super().__init__(data, **kwargs)


class AcceptForm(ActionForm):
    pass


class StartForm(ActionForm):
    pass


def department_choices(suggestions, departments):
    """Suggested departments first (with the confidence), then every active department."""
    suggested = [(str(s.department.pk), f"{s.department.name} ({s.confidence:.0%})") for s in suggestions]
    rest = [(str(d.pk), d.name) for d in departments]
    choices: list = [("", _("부서를 선택해 주십시오"))]
    if suggested:
        choices.append((_("추천 부서"), suggested))
    choices.append((_("전체 부서"), rest))
    return choices


class RouteForm(ActionForm):
    department = forms.ChoiceField(
        label=_("처리 부서"), error_messages=_required(_("배정할 부서를 선택해 주십시오."))
    )
    note = forms.CharField(label=_("배정 메모(선택)"), required=False, max_length=500)

    def __init__(self, data=None, *, department_choices, **kwargs):
        super().__init__(data, **kwargs)
        set_choices(self, "department", department_choices)


class ReassignForm(ActionForm):
    department = forms.ChoiceField(
        label=_("넘길 부서"), error_messages=_required(_("재배정할 부서를 선택해 주십시오."))
    )
    reason = forms.CharField(
        label=_("재배정 사유"),
        widget=Textarea(3),
        max_length=1000,
        error_messages=_required(_("재배정 사유를 입력해 주십시오.")),
    )

    def __init__(self, data=None, *, department_choices, **kwargs):
        super().__init__(data, **kwargs)
        set_choices(self, "department", department_choices)


class HandlerForm(ActionForm):
    handler = forms.ChoiceField(label=_("담당자"), error_messages=_required(_("담당자를 선택해 주십시오.")))

    def __init__(self, data=None, *, handlers, **kwargs):
        super().__init__(data, **kwargs)
        handlers = list(handlers)
        away = hooks.unavailable_labels([u.pk for u in handlers])  # e.g. resting after an incident
        choices = [(str(u.pk), f"{u} · {away[u.pk]}" if u.pk in away else str(u)) for u in handlers]
        set_choices(self, "handler", [("", _("담당자 선택")), *choices])
        if self.complaint.handler_id:
            self.fields["handler"].initial = str(self.complaint.handler_id)


class SupplementRequestForm(ActionForm):
    what = forms.CharField(
        label=_("보완할 내용"),
        widget=Textarea(3),
        max_length=2000,
        help_text=_("민원인에게 그대로 전달됩니다. 처리기간은 보완될 때까지 멈춥니다."),
        error_messages=_required(_("보완할 내용을 적어 주십시오.")),
    )
    until = forms.DateField(
        label=_("보완 기한(선택)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("날짜를 2026-11-23 형식으로 입력해 주십시오.")},
    )


class SupplementReceiveForm(ActionForm):
    note = forms.CharField(
        label=_("받은 보완 내용(선택)"), required=False, widget=Textarea(2), max_length=2000
    )


class ExtendForm(ActionForm):
    reason_code = forms.ChoiceField(
        label=_("연장 사유(법령)"),
        choices=[("", _("사유를 선택해 주십시오")), *ExtensionReason.choices],
        help_text=_("민원 처리에 관한 법률 시행령 제21조. 업무량·담당자 부재는 사유가 될 수 없습니다."),
        error_messages=_required(_("법령이 정한 연장 사유를 선택해 주십시오.")),
    )
    period = forms.CharField(
        label=_("연장 기간"),
        max_length=10,
        help_text=_("예: 7일, 3일, 5시간. 원래 처리기간을 넘을 수 없습니다."),
        error_messages=_required(_("연장 기간을 입력해 주십시오.")),
    )
    reason_text = forms.CharField(
        label=_("구체적인 사유"),
        widget=Textarea(3),
        max_length=2000,
        help_text=_("민원인에게 통지됩니다."),
        error_messages=_required(_("연장 사유를 구체적으로 적어 주십시오.")),
    )
    applicant_consent = forms.BooleanField(
        label=_("민원인이 연장에 동의함"),
        required=False,
        help_text=_("두 번째 연장은 민원인의 동의가 있어야 합니다."),
    )
    consent_note = forms.CharField(
        label=_("동의 확인 방법(선택)"),
        required=False,
        max_length=200,
        help_text=_("예: 11월 20일 전화로 동의 확인"),
    )


class TransferForm(ActionForm):
    agency = forms.CharField(
        label=_("이송할 기관"),
        max_length=100,
        error_messages=_required(_("이송할 기관을 입력해 주십시오.")),
    )
    reason = forms.CharField(
        label=_("이송 사유"),
        widget=Textarea(3),
        max_length=1000,
        error_messages=_required(_("이송 사유를 입력해 주십시오.")),
    )


class AnswerForm(ActionForm):
    template = forms.ChoiceField(label=_("답변 서식"), required=False)
    answer = forms.CharField(
        label=_("답변 내용"),
        widget=Textarea(10),
        max_length=20000,
        help_text=_("민원인에게 통지되는 답변입니다. 처리 부서·담당자·전화번호가 들어가야 합니다."),
        error_messages=_required(_("답변 내용을 입력해 주십시오.")),
    )

    def __init__(self, data=None, *, templates, **kwargs):
        super().__init__(data, **kwargs)
        self.templates = {str(t.pk): t for t in templates}
        choices = [(key, t.title) for key, t in self.templates.items()]
        set_choices(self, "template", [("", _("서식 선택")), *choices])


class CloseForm(ActionForm):
    reason = forms.ChoiceField(
        label=_("종결 사유"),
        # 반복민원 is closed from the triage panel, which shows and re-checks 법 제23조's evidence.
        choices=[
            ("", _("사유를 선택해 주십시오")),
            *[(v, label) for v, label in ClosureReason.choices if v != ClosureReason.REPEATED],
        ],
        error_messages=_required(_("종결 사유를 선택해 주십시오.")),
    )
    note = forms.CharField(label=_("메모(선택)"), required=False, widget=Textarea(2), max_length=1000)


class RejectForm(ActionForm):
    reason = forms.CharField(
        label=_("반려 사유"),
        widget=Textarea(3),
        max_length=2000,
        error_messages=_required(_("반려 사유를 입력해 주십시오.")),
    )
    remedies = forms.CharField(
        label=_("불복 구제 절차"),
        widget=Textarea(3),
        required=False,
        max_length=2000,
        help_text=_("비워 두면 법정 안내문(이의신청·행정심판·행정소송)이 들어갑니다."),
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["remedies"].initial = deadlines.DEFAULT_REMEDIES


class MergeForm(ActionForm):
    into = forms.CharField(
        label=_("병합할 원 민원의 접수번호"),
        max_length=20,
        help_text=_("예: 2026-0000123. 이 민원은 원 민원과 함께 처리되고 종결됩니다."),
        error_messages=_required(_("병합할 민원의 접수번호를 입력해 주십시오.")),
    )
    note = forms.CharField(label=_("메모(선택)"), required=False, max_length=500)


class ReclassifyForm(ActionForm):
    kind = forms.ChoiceField(
        label=_("민원 종류"),
        choices=Kind.choices,
        error_messages=_required(_("민원 종류를 선택해 주십시오.")),
    )
    reason = forms.CharField(label=_("변경 사유"), required=False, widget=Textarea(2), max_length=1000)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["kind"].initial = self.complaint.kind


NOTE_KIND_CHOICES = [
    ("internal", _("내부 메모 (직원만 봅니다)")),
    ("public", _("진행 상황 (민원인에게 공개)")),
]


class NoteForm(ActionForm):
    body = forms.CharField(
        label=_("내용"),
        widget=Textarea(3),
        max_length=4000,
        error_messages=_required(_("내용을 입력해 주십시오.")),
    )
    visibility = forms.ChoiceField(
        label=_("공개 범위"), choices=NOTE_KIND_CHOICES, initial="internal", widget=forms.RadioSelect
    )


class WithdrawForm(ActionForm):
    reason = forms.CharField(
        label=_("취하 사유(민원인의 뜻)"), required=False, widget=Textarea(2), max_length=1000
    )


class ReopenForm(ActionForm):
    reason = forms.CharField(
        label=_("해결되지 않은 점"),
        widget=Textarea(3),
        max_length=2000,
        error_messages=_required(_("해결되지 않은 점을 적어 주십시오.")),
    )


class RevealContactForm(forms.Form):
    reason = forms.CharField(
        label=_("열람 사유"),
        max_length=200,
        help_text=_("개인정보 보호법에 따라 열람 기록(사용자·시각·사유)이 남습니다."),
        error_messages=_required(_("개인정보 열람 사유를 입력해 주십시오.")),
    )
