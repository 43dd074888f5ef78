from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    name = "minwon.devtools"
    verbose_name = "개발용 도구"
