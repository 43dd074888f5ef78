from django.contrib import admin

from .models import ProactiveEvent, RewardType


@admin.register(RewardType)
class RewardTypeAdmin(admin.ModelAdmin):
    """The admin lists the reward types (표창, 성과급, 인사 우대 …) offered to excellent officials."""

    list_display = ("name", "is_active", "sort_order")
    list_editable = ("is_active", "sort_order")


@admin.register(ProactiveEvent)
class ProactiveEventAdmin(admin.ModelAdmin):
    list_display = ("at", "task", "actor", "verb")
    readonly_fields = ("at", "task", "actor", "verb", "data")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
