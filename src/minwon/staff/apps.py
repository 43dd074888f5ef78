from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "minwon.staff"
    verbose_name = "직원 업무"
