from django.contrib import admin

from .models import InsightAudit, MetricWeight


@admin.register(MetricWeight)
class MetricWeightAdmin(admin.ModelAdmin):
    list_display = ("key", "weight", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        from . import services

        services.set_weight(request.user, obj.key, obj.weight)


@admin.register(InsightAudit)
class InsightAuditAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action")
    readonly_fields = ("at", "actor", "action", "data")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
