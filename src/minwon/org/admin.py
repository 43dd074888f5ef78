"""Admin for the org chart.

Departments are never deleted and every reorganisation leaves a `DepartmentChange`, so the admin
writes through `org.services`: a new department is made by `create_department`, a changed name
by `rename_department`, and the "조직 개편" fields of the form call `merge_departments` or
`split_department`. The change history is shown read-only and cannot be edited here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import services
from .models import Department, DepartmentChange, Membership


class DepartmentForm(forms.ModelForm):
    merge_into = forms.ModelChoiceField(
        label="다른 부서로 통합",
        queryset=Department.objects.active(),
        required=False,
        help_text="선택하면 이 부서를 폐지하고 선택한 부서가 업무를 이어받습니다 (통합).",
    )
    split_into = forms.ModelMultipleChoiceField(
        label="여러 부서로 분할",
        queryset=Department.objects.active(),
        required=False,
        help_text="선택하면 이 부서를 폐지하고 업무를 선택한 부서들에 나눕니다 (분할).",
    )
    split_primary = forms.ModelChoiceField(
        label="분할 시 주 승계 부서",
        queryset=Department.objects.active(),
        required=False,
        help_text="이 부서의 지난 민원과 통계가 따라갈 부서. 분할 대상 중 하나여야 합니다.",
    )
    reorg_note = forms.CharField(label="개편 사유", max_length=200, required=False)

    class Meta:
        model = Department
        fields = ("code", "name", "name_en", "level", "parent", "phone", "is_desk")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        merge_into = cleaned.get("merge_into")
        split_into = list(cleaned.get("split_into") or [])
        primary = cleaned.get("split_primary")
        me = self.instance.pk
        if merge_into and split_into:
            raise forms.ValidationError("통합과 분할은 한 번에 하나만 할 수 있습니다.")
        if (merge_into or split_into) and me is None:
            raise forms.ValidationError("새 부서는 먼저 만든 뒤에 통합·분할할 수 있습니다.")
        if merge_into and merge_into.pk == me:
            self.add_error("merge_into", "자기 자신으로 통합할 수 없습니다.")
        if split_into:
            if any(d.pk == me for d in split_into):
                self.add_error("split_into", "분할 대상에 이 부서 자신을 넣을 수 없습니다.")
            if primary is None or primary not in split_into:
                self.add_error("split_primary", "주 승계 부서는 분할 대상 부서 중 하나여야 합니다.")
        elif primary is not None:
            self.add_error("split_primary", "분할 대상 부서를 먼저 선택해 주십시오.")
        if (merge_into or split_into) and not cleaned.get("reorg_note", "").strip():
            self.add_error("reorg_note", "통합·분할 사유를 적어 주십시오.")
        return cleaned


class DepartmentChangeInline(admin.TabularInline):
    model = DepartmentChange
    fk_name = "department"
    extra = 0
    fields = ("at", "kind", "name_before", "name_after", "successor_list", "actor", "note")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "조직 변경 이력 (수정할 수 없음)"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="승계 부서")
    def successor_list(self, obj: DepartmentChange) -> str:
        return ", ".join(d.name for d in obj.successors.all())


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "title", "is_head", "started_at", "ended_at")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "소속 직원 (사용자 화면에서 바꿉니다)"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    form = DepartmentForm
    list_display = ("tree_name", "code", "level", "phone", "is_desk", "active_state", "successor")
    list_filter = ("level", "is_desk", ("dissolved_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "code", "name_en")
    list_select_related = ("parent__parent", "successor")
    ordering = ("code",)
    inlines = (MembershipInline, DepartmentChangeInline)
    readonly_fields = ("path_display", "created_at", "dissolved_at", "successor")

    def get_fieldsets(self, request: HttpRequest, obj: Department | None = None):
        basics = ("code", "name", "name_en", "level", "parent", "phone", "is_desk")
        if obj is None:
            return ((None, {"fields": basics}),)
        sets: list = [
            (None, {"fields": ("path_display", *basics)}),
            ("상태", {"fields": ("created_at", "dissolved_at", "successor")}),
        ]
        if obj.is_active:
            sets.append(
                (
                    "조직 개편",
                    {
                        "fields": ("merge_into", "split_into", "split_primary", "reorg_note"),
                        "description": (
                            "이름을 바꾸면 명칭 변경 이력이 남습니다. 통합·분할은 되돌릴 수 없습니다."
                        ),
                        "classes": ("collapse",),
                    },
                )
            )
        return sets

    def get_readonly_fields(self, request: HttpRequest, obj: Department | None = None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # The code is the key for seeding and imports; moving a unit has no service (no history) yet.
            fields += ["code", "parent"]
            if not obj.is_active:
                fields += ["name", "name_en", "level", "phone", "is_desk"]
        return fields

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # departments are dissolved, never deleted (old 민원 keep pointing at them)

    @admin.display(description="부서명", ordering="code")
    def tree_name(self, obj: Department) -> str:
        depth = 0
        node = obj.parent
        while node is not None and depth < 5:
            depth += 1
            node = node.parent
        return "\u3000" * depth + str(obj)

    @admin.display(description="조직 경로")
    def path_display(self, obj: Department) -> str:
        return obj.path()

    @admin.display(description="상태")
    def active_state(self, obj: Department) -> str:
        return "운영" if obj.is_active else "폐지"

    def save_model(self, request: HttpRequest, obj: Department, form, change: bool) -> None:
        actor = request.user
        if not change:
            fields = {f: form.cleaned_data[f] for f in ("name_en", "phone", "is_desk")}
            created = services.create_department(
                actor=actor,
                code=obj.code,
                name=obj.name,
                level=obj.level,
                parent=obj.parent,
                **fields,
            )
            # The admin goes on with `obj` (inlines, messages, redirect): make it the saved row.
            obj.pk, obj.created_at = created.pk, created.created_at
            obj._state.adding = False
            return
        new_name = obj.name
        if "name" in form.changed_data:
            obj.name = form.initial["name"]
        obj.save()
        if "name" in form.changed_data:
            services.rename_department(actor=actor, department=obj, name=new_name)
        # DepartmentForm.clean has checked what the services would refuse.
        note = form.cleaned_data.get("reorg_note", "")
        if form.cleaned_data.get("merge_into"):
            services.merge_departments(
                actor=actor, departments=[obj], into=form.cleaned_data["merge_into"], note=note
            )
        elif form.cleaned_data.get("split_into"):
            services.split_department(
                actor=actor,
                department=obj,
                into=list(form.cleaned_data["split_into"]),
                primary=form.cleaned_data["split_primary"],
                note=note,
            )


@admin.register(DepartmentChange)
class DepartmentChangeAdmin(admin.ModelAdmin):
    """The whole org-chart history in one list, read-only."""

    list_display = ("at", "department", "kind", "name_before", "name_after", "actor", "note")
    list_filter = ("kind",)
    search_fields = ("department__name", "name_before", "name_after", "note")
    date_hierarchy = "at"
    list_select_related = ("department", "actor")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[DepartmentChange]:
        return super().get_queryset(request).prefetch_related("successors")
