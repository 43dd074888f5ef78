from django.apps import AppConfig


class FieldConfig(AppConfig):
    name = "minwon.field"
    label = "field"
    verbose_name = "행정종합관찰"
