"""Admin: reading and deactivating articles. Edits go through the KB pages (they write revisions)."""

from django.contrib import admin

from .models import Article, KbEvent, Revision, Suggestion


class RevisionInline(admin.TabularInline):
    model = Revision
    fields = ("number", "title", "edited_by", "at", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "section", "department", "review_by", "revision_no", "view_count", "is_active")
    list_filter = ("section", "is_active", "department")
    search_fields = ("title", "tags")
    readonly_fields = (
        "title",
        "section",
        "department",
        "tags",
        "body",
        "review_by",
        "revision_no",
        "view_count",
    )
    inlines = [RevisionInline]

    def has_add_permission(self, request):
        return False  # new articles are written on the KB pages, which record the first revision


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ("article", "suggested_by", "at", "status", "decided_by")
    list_filter = ("status",)
    readonly_fields = [f.name for f in Suggestion._meta.fields]


@admin.register(KbEvent)
class KbEventAdmin(admin.ModelAdmin):
    list_display = ("article", "verb", "actor", "at")
    list_filter = ("verb",)
    readonly_fields = ("article", "verb", "actor", "at", "data")
