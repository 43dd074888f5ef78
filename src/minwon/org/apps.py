from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "minwon.org"
    verbose_name = "조직"
