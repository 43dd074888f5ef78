"""Admin for people: accounts with their roles and departments, and the personal-data access log."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from minwon.org.models import Membership

from .models import AccessLog, RoleGrant, User


# Django's forms name auth.User; ours is swapped in (AUTH_USER_MODEL), so the forms must say so.
class UserCreateForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "display_name")


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    fields = ("role", "granted_at")
    readonly_fields = ("granted_at",)
    verbose_name = "역할"
    verbose_name_plural = "역할 (한 사람이 여러 역할을 가질 수 있습니다)"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("department", "title", "is_head", "started_at", "ended_at")
    autocomplete_fields = ("department",)
    verbose_name = "소속"
    verbose_name_plural = "소속 부서 (종료 시각이 비어 있으면 현재 소속)"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    inlines = (RoleGrantInline, MembershipInline)
    list_display = (
        "username",
        "display_name",
        "role_list",
        "department_list",
        "is_active",
        "is_staff",
        "lock_state",
        "last_login",
    )
    list_filter = ("role_grants__role", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "display_name", "first_name", "last_name", "email", "phone")
    ordering = ("username",)
    readonly_fields = ("failed_logins", "locked_until", "last_login", "date_joined")
    actions = ("unlock_accounts",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            "개인 정보",
            {"fields": ("display_name", "last_name", "first_name", "email", "phone", "office_phone")},
        ),
        (
            "로그인 잠금",
            {
                "fields": ("failed_logins", "locked_until"),
                "description": "연속 로그인 실패로 잠긴 계정은 목록의 '잠금 해제' 동작으로 풀 수 있습니다.",
            },
        ),
        (
            "관리 화면 권한",
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "classes": ("collapse",),
            },
        ),
        ("기록", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "display_name", "usable_password", "password1", "password2"),
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        active = Membership.objects.filter(ended_at__isnull=True).select_related("department")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "role_grants", Prefetch("memberships", queryset=active, to_attr="active_memberships")
            )
        )

    @admin.display(description="역할")
    def role_list(self, obj: User) -> str:
        return ", ".join(g.get_role_display() for g in obj.role_grants.all())

    @admin.display(description="소속")
    def department_list(self, obj: User) -> str:
        rows = getattr(obj, "active_memberships", None)
        if rows is None:
            rows = obj.memberships.filter(ended_at__isnull=True).select_related("department")
        return ", ".join(f"{m.department.name}{' (부서장)' if m.is_head else ''}" for m in rows)

    @admin.display(description="잠금")
    def lock_state(self, obj: User) -> str:
        if obj.is_locked():
            return f"잠김 ({timezone.localtime(obj.locked_until):%m-%d %H:%M}까지)"
        return f"실패 {obj.failed_logins}회" if obj.failed_logins else ""

    @admin.action(description="선택한 계정의 로그인 잠금 해제")
    def unlock_accounts(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = queryset.update(failed_logins=0, locked_until=None)
        self.message_user(request, f"{count}개 계정의 잠금을 해제했습니다.", messages.SUCCESS)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """개인정보 접근 기록: read-only here as everywhere (개인정보 보호법 제29조)."""

    list_display = ("at", "user", "object_type", "object_id", "fields", "reason", "ip")
    list_filter = ("object_type",)
    search_fields = ("user__username", "user__display_name", "object_id", "reason")
    date_hierarchy = "at"
    list_select_related = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
