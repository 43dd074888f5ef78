from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "minwon.complaints"
    verbose_name = "민원"
