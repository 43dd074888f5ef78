from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "minwon.notify"
    verbose_name = "알림"

    def ready(self) -> None:
        from minwon.complaints.events import event_recorded

        from .receivers import on_event_recorded

        # A stable dispatch_uid keeps the receiver single even if ready() runs twice (tests, reload).
        event_recorded.connect(on_event_recorded, dispatch_uid="minwon.notify.outbox")
