from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "minwon.portal"
    verbose_name = "민원인 창구"
