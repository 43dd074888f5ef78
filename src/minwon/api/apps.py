from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "minwon.api"
    label = "api"
    verbose_name = "API (REST·연계 토큰)"
