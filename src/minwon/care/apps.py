from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "minwon.care"
    verbose_name = "친절행정·직원 보호"
