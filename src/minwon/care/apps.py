from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "minwon.care"
    verbose_name = "친절행정·직원 보호"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (a call ended for abuse opens a 특이민원 incident)
