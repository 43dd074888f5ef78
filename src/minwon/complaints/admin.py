"""Admin for complaint data.

Categories are the admin's to edit (routing is data, STYLE §6). 민원 themselves are read-only
here: every change to a 민원 is a service function that checks the transition and writes the
timeline (STYLE §2), so the admin may look but never add, change or delete, and the timeline
(`ComplaintEvent`) is append-only everywhere. The applicant's contact details are left out on
purpose: staff see them only through the work screens, which log each look (개인정보 보호법 제29조).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from minwon.lib.legalclock.errors import LegalClockError
from minwon.lib.legalclock.periods import Period

from .choices import OPEN_STATUSES, Kind
from .models import Attachment, Category, Complaint, ComplaintEvent, Extension, Pause

# --- categories -------------------------------------------------------------------------------


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = (
            "code",
            "name",
            "name_en",
            "parent",
            "sort_order",
            "is_active",
            "default_department",
            "default_kind",
            "statutory_period",
            "is_sensitive",
            "notice",
            "extra_questions",
            "keywords",
        )

    def clean_statutory_period(self) -> str:
        period = (self.cleaned_data.get("statutory_period") or "").strip()
        if period:
            try:
                Period.parse(period)
            except LegalClockError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return period

    def clean_extra_questions(self) -> list:
        questions = self.cleaned_data.get("extra_questions") or []
        example = '예: [{"key": "plate", "label": "차량번호", "required": false}]'
        if not isinstance(questions, list):
            raise forms.ValidationError(f"추가 질문은 목록이어야 합니다. {example}")
        keys = set()
        for q in questions:
            if not (isinstance(q, dict) and str(q.get("key", "")).isidentifier() and q.get("label")):
                raise forms.ValidationError(f"각 질문에는 영문 key와 label이 있어야 합니다. {example}")
            if q["key"] in keys:
                raise forms.ValidationError(f"질문 key '{q['key']}'가 중복되었습니다.")
            keys.add(q["key"])
        return questions

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        parent, dept = cleaned.get("parent"), cleaned.get("default_department")
        node = parent
        while node is not None:
            if self.instance.pk and node.pk == self.instance.pk:
                self.add_error("parent", "하위 유형을 상위 유형으로 지정할 수 없습니다.")
                break
            node = node.parent
        if dept is not None and not dept.is_active:
            self.add_error("default_department", "폐지된 부서는 기본 처리부서로 지정할 수 없습니다.")
        elif dept is None and (parent is None or parent.routing_department() is None):
            # STYLE §10 invariant: every category routes somewhere.
            self.add_error(
                "default_department", "기본 처리부서를 지정하거나 처리부서가 있는 상위 유형을 고르십시오."
            )
        if cleaned.get("default_kind") == Kind.STATUTORY and not cleaned.get("statutory_period"):
            self.add_error("statutory_period", "법정민원 유형에는 민원처리기준표의 처리기간을 적어 주십시오.")
        return cleaned


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = (
        "tree_name",
        "code",
        "default_department",
        "routes_to",
        "default_kind",
        "statutory_period",
        "is_sensitive",
        "is_active",
        "sort_order",
    )
    list_filter = ("is_active", "default_kind", "is_sensitive", ("parent", admin.EmptyFieldListFilter))
    search_fields = ("name", "code", "keywords", "name_en")
    list_select_related = (
        "parent__parent__default_department",
        "parent__default_department",
        "default_department",
    )
    autocomplete_fields = ("default_department",)
    ordering = ("sort_order", "code")
    fieldsets = (
        (None, {"fields": ("code", "name", "name_en", "parent", "sort_order", "is_active")}),
        ("처리", {"fields": ("default_department", "default_kind", "statutory_period", "is_sensitive")}),
        ("신청 화면", {"fields": ("notice", "extra_questions", "keywords")}),
    )

    @admin.display(description="이름", ordering="sort_order")
    def tree_name(self, obj: Category) -> str:
        depth, node = 0, obj.parent
        while node is not None and depth < 5:
            depth, node = depth + 1, node.parent
        return "\u3000" * depth + obj.name

    @admin.display(description="실제 배정 부서")
    def routes_to(self, obj: Category) -> str:
        dept = obj.routing_department()
        return dept.name if dept else "⚠ 없음"


# --- complaints (read-only) -------------------------------------------------------------------


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class EventInline(ReadOnlyInline):
    model = ComplaintEvent
    fields = (
        "at",
        "verb",
        "actor",
        "actor_role",
        "status_before",
        "status_after",
        "is_public",
        "note",
        "data",
    )
    readonly_fields = fields
    verbose_name_plural = "처리 이력 (추가·수정·삭제할 수 없음)"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ComplaintEvent]:
        return super().get_queryset(request).select_related("actor")


class PauseInline(ReadOnlyInline):
    model = Pause
    fields = ("kind", "started_at", "ended_at", "reason")
    readonly_fields = fields


class ExtensionInline(ReadOnlyInline):
    model = Extension
    fields = (
        "at",
        "reason_code",
        "reason_text",
        "period",
        "previous_due_at",
        "new_due_at",
        "applicant_consent",
        "actor",
    )
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ("original_name", "file", "content_type", "size", "width", "height", "is_public", "created_at")
    readonly_fields = fields


class OverdueFilter(admin.SimpleListFilter):
    title = "처리기한"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return (("overdue", "기한 지남"), ("today", "오늘 마감"))

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "overdue":
            return queryset.filter(status__in=OPEN_STATUSES, due_at__lt=now)
        if self.value() == "today":
            return queryset.filter(status__in=OPEN_STATUSES, due_at__date=timezone.localdate(now))
        return queryset


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    """민원 in the admin: look only. Changes go through the work screens (services)."""

    list_display = (
        "tracking_no",
        "title",
        "category",
        "kind",
        "channel",
        "status",
        "department",
        "handler",
        "received_at",
        "due_at",
        "is_overdue",
    )
    list_filter = (
        "status",
        OverdueFilter,
        "channel",
        "kind",
        "visibility",
        "needs_desk_head",
        ("department", admin.RelatedOnlyFieldListFilter),
        ("category", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("tracking_no", "title")
    date_hierarchy = "received_at"
    list_select_related = ("category", "department", "handler")
    list_per_page = 50
    inlines = (EventInline, PauseInline, ExtensionInline, AttachmentInline)
    # Contact details (name, phone, e-mail, postal address, account) are left out: see module docstring.
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "tracking_no",
                    "kind",
                    "period",
                    "category",
                    "channel",
                    "title",
                    "body",
                    "extra_answers",
                )
            },
        ),
        ("위치", {"fields": ("address", "lat", "lng", "h3_cell")}),
        (
            "민원인",
            {
                "fields": (
                    "has_account",
                    "notify_channels",
                    "consent_personal_data",
                    "consent_at",
                    "visibility",
                )
            },
        ),
        (
            "처리",
            {
                "fields": (
                    "status",
                    "department",
                    "handler",
                    "answer",
                    "closure_reason",
                    "rejection_reason",
                    "transferred_to",
                )
            },
        ),
        (
            "기한",
            {
                "fields": (
                    "received_at",
                    "accepted_at",
                    "clock_started_at",
                    "routing_due_at",
                    "due_at",
                    "paused_since",
                    "answered_at",
                    "closed_at",
                )
            },
        ),
        (
            "관련",
            {
                "fields": (
                    "reassign_count",
                    "needs_desk_head",
                    "extension_count",
                    "reopen_count",
                    "duplicate_of",
                    "repeat_of",
                    "group_key",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )
    readonly_fields = ("has_account",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="계정으로 신청", boolean=True)
    def has_account(self, obj: Complaint) -> bool:
        return obj.applicant_id is not None

    @admin.display(description="기한 지남", boolean=True)
    def is_overdue(self, obj: Complaint) -> bool:
        return bool(obj.is_open and obj.due_at and obj.due_at < timezone.now())
