"""Admin for the city's own calendar data: extra closed days and system outages (DESIGN §4).

Both feed the legal clock at once (`complaints.deadlines.work_calendar` reads them on every
computation); due times already stored are recomputed when a 민원 next changes.
"""

from __future__ import annotations

from django.contrib import admin

from .models import ClosedDay, Outage


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
    date_hierarchy = "date"
    ordering = ("-date",)


@admin.register(Outage)
class OutageAdmin(admin.ModelAdmin):
    list_display = ("started_at", "ended_at", "duration", "reason")
    search_fields = ("reason",)
    date_hierarchy = "started_at"

    @admin.display(description="시간")
    def duration(self, obj: Outage) -> str:
        minutes = int((obj.ended_at - obj.started_at).total_seconds() // 60)
        return f"{minutes // 60}시간 {minutes % 60}분" if minutes >= 60 else f"{minutes}분"
