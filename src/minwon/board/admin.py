"""Read-mostly admin for the board: moderation itself happens on the board pages (with events)."""

from django.contrib import admin

from .models import AbuseReport, BoardEvent, Member, Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "tag", "state", "is_private", "area", "created_at"]
    list_filter = ["tag", "state", "is_private"]
    search_fields = ["title"]
    readonly_fields = [
        "author",
        "complaint",
        "state",
        "is_private",
        "private_reason",
        "hidden_reason",
        "edited_at",
    ]
    # Text changes go through board.services.edit_post so the original is kept.
    fields = ["author", "tag", "title", "body", "address", "area", "complaint", "state", "is_private"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reason", "state", "created_at"]
    list_filter = ["state"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["nickname", "channel", "verified_at"]
    readonly_fields = ["user", "channel", "address", "verified_at"]


@admin.register(BoardEvent)
class BoardEventAdmin(admin.ModelAdmin):
    list_display = ["at", "verb", "post", "actor"]
    list_filter = ["verb"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
