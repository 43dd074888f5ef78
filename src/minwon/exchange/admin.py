from django.contrib import admin

from .models import ExternalRef, ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("created_at", "file_name", "actor", "total", "created", "skipped", "failed")
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False  # imports go through the desk's page or `minwon exchange import`

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ExternalRef)
class ExternalRefAdmin(admin.ModelAdmin):
    list_display = ("source", "ref", "complaint", "imported_at")
    search_fields = ("ref", "complaint__tracking_no")
    list_filter = ("source",)
    readonly_fields = ("source", "ref", "complaint", "batch", "imported_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
