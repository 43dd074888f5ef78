"""Admin: the rubric is edited here; campaigns are opened here too; the rest is read-only history."""

from django.contrib import admin

from . import ideas, quality
from .models import (
    CareEvent,
    IdeaCampaign,
    QualityBatch,
    QualityCriterion,
)


@admin.register(QualityCriterion)
class QualityCriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "weight", "is_active", "sort_order")
    list_editable = ("weight", "is_active", "sort_order")

    def save_model(self, request, obj, form, change):
        quality.save_criterion(request.user, obj)  # recorded with before/after (CareEvent)

    def has_delete_permission(self, request, obj=None):
        return False  # past scores point at the criterion; switch it off with 사용 instead


@admin.register(IdeaCampaign)
class IdeaCampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "starts_on", "ends_on")
    fields = ("title", "description", "starts_on", "ends_on")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = ideas.create_campaign(
            request.user,
            title=obj.title,
            description=obj.description,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
        )
        obj.pk = created.pk


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CareEvent)
class CareEventAdmin(ReadOnly):
    list_display = ("at", "actor", "verb", "object_type", "object_id")
    list_filter = ("verb", "object_type")

    def get_queryset(self, request):
        # An incident's events name who filed it and its type (성희롱 …): they stay behind the
        # incident's own access rule and log, not in the admin's history list.
        return super().get_queryset(request).exclude(object_type="incident")


# IncidentView (the incident access log) is not in the admin: who opened which incident points at
# the employee concerned. The care officer and the auditor read it on the incident page.


@admin.register(QualityBatch)
class QualityBatchAdmin(ReadOnly):
    list_display = ("week_start", "sample_size", "seed", "created_at")
