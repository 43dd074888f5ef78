from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "minwon.notify"
    verbose_name = "알림"
