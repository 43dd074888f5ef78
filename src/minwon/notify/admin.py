"""Admin: templates (with preview), the outbox with its attempts, webhooks, inboxes, job runs."""

from __future__ import annotations

import contextlib

from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.html import format_html, format_html_join

from .choices import STAFF_KEYS, MessageStatus
from .context import render_text, sample_context
from .defaults import default_for
from .letters import render_letter_pdf
from .models import DeliveryAttempt, JobRun, Message, MessageTemplate, StaffAlert, WebhookEndpoint
from .services import cancel_message, retry_message


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "language", "subject", "is_active", "updated_at"]
    list_filter = ["language", "is_active"]
    readonly_fields = ["preview", "letter_preview"]
    fields = [
        "key",
        "language",
        "subject",
        "short_body",
        "body",
        "alimtalk_template_code",
        "is_active",
        "preview",
        "letter_preview",
    ]

    def get_changeform_initial_data(self, request):
        # "추가" with ?key=answered starts from the built-in wording, so the admin edits, not retypes.
        initial = super().get_changeform_initial_data(request)
        key, language = request.GET.get("key"), request.GET.get("language", "ko")
        if key:
            with contextlib.suppress(KeyError):  # an unknown key just starts empty
                initial["subject"], initial["short_body"], initial["body"] = default_for(key, language)
        return initial

    @admin.display(description="미리보기(예시 민원)")
    def preview(self, obj):
        if obj is None or not obj.pk:
            return "저장하면 예시 민원으로 미리 볼 수 있습니다."
        ctx = sample_context()
        parts = []
        for label, source in (
            ("제목", obj.subject),
            ("문자·알림톡", obj.short_body),
            ("전자우편·서면", obj.body),
        ):
            try:
                text = render_text(source, ctx)
            except Exception as exc:  # a template syntax error is what the admin needs to see
                text = f"문구 오류: {exc}"
            suffix = ""
            if label == "문자·알림톡":
                size = len(text.encode("cp949", errors="replace"))
                suffix = f" ({size}바이트, {'장문 LMS' if size > 90 else '단문 SMS'})"
            parts.append((label + suffix, text))
        return format_html_join(
            "", '<p><strong>{}</strong></p><pre style="white-space:pre-wrap">{}</pre>', parts
        )

    @admin.display(description="서면 통지서")
    def letter_preview(self, obj):
        if obj is None or not obj.pk or obj.key in STAFF_KEYS:
            return "-"
        return format_html('<a href="{}" target="_blank">PDF 미리보기</a>', "../letter-preview/")

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/letter-preview/",
                self.admin_site.admin_view(self.letter_preview_view),
                name="notify_messagetemplate_letter_preview",
            )
        ]
        return extra + super().get_urls()

    def letter_preview_view(self, request, pk):
        tpl = get_object_or_404(MessageTemplate, pk=pk)
        ctx = sample_context()
        message = Message(
            channel="letter",
            template_key=tpl.key,
            recipient="서울특별시 새빛구 새빛로 1 (예시)",
            recipient_name=ctx["applicant_name"],
            subject=render_text(tpl.subject, ctx),
            body=render_text(tpl.body, ctx),
            context=ctx,
        )
        return HttpResponse(render_letter_pdf(message), content_type="application/pdf")


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "at", "outcome", "worker", "provider_ref", "response", "duration_ms"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "channel",
        "audience",
        "template_key",
        "recipient_name",
        "status",
        "attempts",
    ]
    list_filter = ["status", "channel", "audience", "template_key"]
    search_fields = ["complaint__tracking_no", "recipient", "subject", "dedupe_key"]
    date_hierarchy = "created_at"
    inlines = [DeliveryAttemptInline]
    actions = ["retry_selected", "cancel_selected"]
    raw_id_fields = ["complaint", "event", "recipient_user", "fallback_of", "printed_by", "dispatched_by"]

    def get_readonly_fields(self, request, obj=None):
        # The outbox is a record of what was said: nobody edits a message after it was queued.
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="실패한 메시지 다시 보내기")
    def retry_selected(self, request, queryset):
        n = sum(retry_message(request.user, m.pk) for m in queryset.filter(status=MessageStatus.FAILED))
        self.message_user(request, f"{n}건을 다시 보냅니다.", messages.SUCCESS)

    @admin.action(description="발송 취소")
    def cancel_selected(self, request, queryset):
        n = sum(cancel_message(request.user, m.pk) for m in queryset)
        self.message_user(request, f"{n}건을 취소했습니다.", messages.SUCCESS)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "is_active", "include_internal"]
    # A receiver typed without a scheme is an HTTPS endpoint (and Django 6 will assume so too);
    # timelines with personal data must never be posted in clear text by accident.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(StaffAlert)
class StaffAlertAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient", "complaint"]


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["name", "started_at", "finished_at", "owner", "result"]

    def has_add_permission(self, request):
        return False
