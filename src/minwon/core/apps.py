from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "minwon.core"
    verbose_name = "기본 설정"
