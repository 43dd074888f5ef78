from django.apps import AppConfig


class CallcentreConfig(AppConfig):
    name = "minwon.callcentre"
    label = "callcentre"
    verbose_name = "120 콜센터·구술민원"
