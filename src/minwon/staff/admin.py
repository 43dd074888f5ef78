from django.contrib import admin

from .models import ResponseTemplate


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "is_active"]
    list_filter = ["is_active", "category"]
    search_fields = ["title", "body"]
    list_select_related = ["category"]
