from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "minwon.insight"
    label = "insight"
    verbose_name = "통계·평가 (insight)"
