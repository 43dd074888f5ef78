from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "minwon.exchange"
    label = "exchange"
    verbose_name = "국민신문고·새올 연계"
