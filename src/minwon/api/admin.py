"""Admin: issue a token (shown once), revoke it; the token's history stays."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from .models import ApiToken, Scope, TokenEvent
from .services import TokenError, issue_token, revoke_token


class TokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label="권한 범위", choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ("name", "user", "integration", "scopes", "department", "rate_per_minute")


class TokenEventInline(admin.TabularInline):
    model = TokenEvent
    extra = 0
    can_delete = False
    fields = ("at", "verb", "actor", "data")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = TokenForm
    list_display = (
        "name",
        "prefix",
        "owner_label",
        "scope_list",
        "department",
        "rate_per_minute",
        "created_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "integration", "user__username")
    autocomplete_fields = ("user", "department")
    inlines = (TokenEventInline,)
    actions = ("revoke",)

    @admin.display(description="권한 범위")
    def scope_list(self, obj: ApiToken) -> str:
        return ", ".join(obj.scopes or [])

    def get_inlines(self, request, obj=None):
        return self.inlines if obj is not None else ()

    def get_readonly_fields(self, request, obj=None):
        # A token's rights are fixed when issued: to change them, issue a new one and revoke this.
        if obj is not None:
            return (
                "name",
                "user",
                "integration",
                "scopes",
                "department",
                "rate_per_minute",
                "prefix",
                "revoked_at",
            )
        return ()

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            token, raw = issue_token(
                request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                user=form.cleaned_data.get("user"),
                integration=form.cleaned_data.get("integration") or "",
                department=form.cleaned_data.get("department"),
                rate_per_minute=form.cleaned_data["rate_per_minute"],
            )
        except TokenError as exc:
            messages.error(request, str(exc))
            return
        obj.pk = token.pk
        messages.warning(request, f"새 토큰: {raw} — 지금만 보입니다. 안전한 곳에 적어 두십시오.")

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="선택한 토큰 폐기")
    def revoke(self, request, queryset):
        for token in queryset.active():
            revoke_token(request.user, token, reason="관리자 화면에서 폐기")
        messages.success(request, "선택한 토큰을 폐기했습니다.")
