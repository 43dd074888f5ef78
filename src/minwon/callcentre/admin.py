"""Admin: the data a city edits (call topics with their recommended time, 구술민원 types) and
read-only views of calls and oral complaints (their writes go through the services)."""

from django.contrib import admin

from .models import Call, CallEvent, CallTopic, OralComplaint, OralEvent, OralType


@admin.register(CallTopic)
class CallTopicAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "recommended_minutes", "is_active", "sort_order")
    list_editable = ("recommended_minutes", "is_active", "sort_order")


@admin.register(OralType)
class OralTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "is_active", "sort_order")
    list_editable = ("is_active", "sort_order")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(ReadOnly):
    list_display = ("started_at", "agent", "topic", "duration_seconds", "answered_at_once", "ended_for_abuse")
    list_filter = ("answered_at_once", "ended_for_abuse", "topic")


@admin.register(OralComplaint)
class OralComplaintAdmin(ReadOnly):
    list_display = ("created_at", "title", "oral_type", "written_by", "status", "confirm_method")
    list_filter = ("status", "confirm_method")
    exclude = ("code_hash",)


admin.site.register(CallEvent, ReadOnly)
admin.site.register(OralEvent, ReadOnly)
