from django.apps import AppConfig


class ProactiveConfig(AppConfig):
    name = "minwon.proactive"
    label = "proactive"
    verbose_name = "적극행정 (proactive)"
