"""Admin: the quick-pick buttons are city data the admin edits; reports and their audit are read-only.

Saving a button goes through `services.save_field_category`, which keeps an audit row; buttons are
switched off rather than deleted, since reports point at them.
"""

from __future__ import annotations

from django.contrib import admin

from . import services
from .models import FieldCategory, FieldEvent, FieldReport


@admin.register(FieldCategory)
class FieldCategoryAdmin(admin.ModelAdmin):
    list_display = ("label", "category", "department", "route_directly", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    list_select_related = ("category", "department")
    autocomplete_fields = ()
    ordering = ("sort_order", "label")

    def save_model(self, request, obj, form, change):
        services.save_field_category(request.user, obj, changed=list(form.changed_data))

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FieldReport)
class FieldReportAdmin(ReadOnlyAdmin):
    list_display = (
        "complaint",
        "reporter",
        "reporter_department",
        "field_category",
        "location_source",
        "created_at",
    )
    list_filter = ("field_category", "location_source")
    list_select_related = ("complaint", "reporter", "reporter_department", "field_category")
    date_hierarchy = "created_at"


@admin.register(FieldEvent)
class FieldEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "verb", "actor", "report", "field_category")
    list_filter = ("verb",)
    list_select_related = ("actor", "report", "field_category")
