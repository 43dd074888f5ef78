from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "minwon.accounts"
    verbose_name = "사용자"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the lockout receivers)
