from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "minwon.triage"
    label = "triage"
    verbose_name = "민원 분류·검색 (triage)"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects to complaints.events.event_recorded)
