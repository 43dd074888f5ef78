from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "minwon.board"
    label = "board"
    verbose_name = "민원소통방"
