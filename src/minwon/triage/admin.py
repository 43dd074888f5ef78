from django.contrib import admin

from .models import GroupCase, GroupMember, RoutingModel, RoutingSuggestion, Support, TriageSettings


@admin.register(TriageSettings)
class TriageSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "auto_route_threshold", "similar_radius_m", "similar_window_days"]

    def has_add_permission(self, request):
        return not TriageSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoutingModel)
class RoutingModelAdmin(admin.ModelAdmin):
    list_display = ["version", "trained_at", "n_rows", "n_classes", "seconds", "is_active", "metrics"]
    readonly_fields = ["version", "trained_at", "n_rows", "n_classes", "seconds", "metrics"]
    fields = [*readonly_fields, "is_active"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("blob")


@admin.register(RoutingSuggestion)
class RoutingSuggestionAdmin(admin.ModelAdmin):
    list_display = ["complaint", "source", "auto_routed", "created_at"]
    list_filter = ["source", "auto_routed"]
    raw_id_fields = ["complaint", "model"]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["complaint", "user", "notify", "created_at"]
    raw_id_fields = ["complaint", "user"]


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    raw_id_fields = ["complaint"]
    extra = 0


@admin.register(GroupCase)
class GroupCaseAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "created_at"]
    raw_id_fields = ["lead", "created_by"]
    inlines = [GroupMemberInline]
