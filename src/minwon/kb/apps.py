from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "minwon.kb"
    label = "kb"
    verbose_name = "상담자료 (knowledge base)"
