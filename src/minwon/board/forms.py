"""Board forms: they carry input; `board.services` validates and answers in Korean."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from minwon.complaints.models import Category
from minwon.org.models import Department
from minwon.portal.forms import MultipleFileField, ServiceValidatedForm

from .choices import Tag


def _required(field: forms.Field) -> forms.Field:
    field.mark_required = True  # type: ignore[attr-defined]
    return field


class JoinForm(ServiceValidatedForm):
    address = _required(
        forms.CharField(
            label=_("휴대전화 또는 전자우편"),
            max_length=254,
            required=False,
            help_text=_("인증번호를 보내 드립니다. 실명은 묻지 않고, 게시판에는 별명만 보입니다."),
            widget=forms.TextInput(attrs={"autocomplete": "email", "autocapitalize": "none"}),
        )
    )


class ConfirmForm(ServiceValidatedForm):
    code = _required(
        forms.CharField(
            label=_("인증번호 6자리"),
            max_length=6,
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        )
    )
    nickname = forms.CharField(
        label=_("별명"),
        max_length=30,
        required=False,
        help_text=_("게시판에 보일 이름입니다. 처음 가입할 때만 필요합니다. 실명을 쓰지 않는 것이 좋습니다."),
    )


class PostForm(ServiceValidatedForm):
    tag = _required(
        forms.ChoiceField(label=_("말머리"), choices=Tag.choices, required=False, widget=forms.RadioSelect)
    )
    title = _required(forms.CharField(label=_("제목"), max_length=200, required=False))
    body = _required(
        forms.CharField(
            label=_("내용"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 7}),
            help_text=_(
                "전화번호·차량번호·이름 같은 개인정보는 게시판에서 자동으로 가려집니다. "
                "직원에 대한 불친절 신고는 작성자와 담당 직원만 볼 수 있습니다."
            ),
        )
    )
    category = forms.ModelChoiceField(
        label=_("민원 유형 (생활불편신고·행정상담·시정문의)"),
        queryset=Category.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("잘 모르겠음 — 민원팀이 정합니다"),
        help_text=_("이 말머리의 글은 민원으로 접수되어 처리기한 안에 답변합니다."),
    )
    address = forms.CharField(
        label=_("장소(주소)"),
        max_length=200,
        required=False,
        help_text=_(
            "도로명 주소나 가까운 건물을 적어 주십시오. 게시판에는 건물 번호와 동·호수를 가리고 보여 줍니다."
        ),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)
    photos = MultipleFileField(
        label=_("사진 (5장까지)"),
        required=False,
        help_text=_("사진 속 위치·기기 정보는 지우고 저장합니다. 직원이 확인한 뒤에 공개됩니다."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        leaves = Category.objects.filter(is_active=True, children__isnull=True).order_by("sort_order", "code")
        self.fields["category"].queryset = leaves  # type: ignore[attr-defined]
        self.fields["photos"].widget.attrs["accept"] = "image/*"


class EditForm(ServiceValidatedForm):
    title = _required(forms.CharField(label=_("제목"), max_length=200, required=False))
    body = _required(
        forms.CharField(label=_("내용"), required=False, widget=forms.Textarea(attrs={"rows": 7}))
    )
    address = forms.CharField(label=_("장소(주소)"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("수정 사유"),
        max_length=200,
        required=False,
        help_text=_("다른 사람의 글을 고칠 때는 꼭 적어 주십시오."),
    )


class ReplyForm(ServiceValidatedForm):
    body = _required(
        forms.CharField(label=_("답글"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    )


class ReportForm(ServiceValidatedForm):
    reason = _required(forms.CharField(label=_("신고 사유"), max_length=300, required=False))


class ReasonForm(ServiceValidatedForm):
    reason = _required(forms.CharField(label=_("사유"), max_length=200, required=False))


class ToComplaintForm(ServiceValidatedForm):
    category = _required(
        forms.ModelChoiceField(
            label=_("민원 유형"),
            queryset=Category.objects.filter(is_active=True, children__isnull=True),
            to_field_name="code",
            required=False,
        )
    )
    department = forms.ModelChoiceField(
        label=_("처리부서 (바로 배정)"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("나중에 배정"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.active().filter(is_desk=False)  # type: ignore[attr-defined]


class RouteForm(ServiceValidatedForm):
    department = _required(
        forms.ModelChoiceField(label=_("처리부서"), queryset=Department.objects.none(), required=False)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.active().filter(is_desk=False)  # type: ignore[attr-defined]


class RedactForm(ServiceValidatedForm):
    """A rectangle in percent of the photo: left, top, width, height (works without JavaScript)."""

    left = forms.FloatField(label=_("왼쪽(%)"), min_value=0, max_value=100, initial=0)
    top = forms.FloatField(label=_("위(%)"), min_value=0, max_value=100, initial=0)
    width = forms.FloatField(label=_("너비(%)"), min_value=1, max_value=100, initial=30)
    height = forms.FloatField(label=_("높이(%)"), min_value=1, max_value=100, initial=20)
