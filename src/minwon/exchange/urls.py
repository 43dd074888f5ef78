from django.urls import path, re_path

from . import views

app_name = "exchange"
urlpatterns = [
    path("", views.upload, name="upload"),
    re_path(r"^results\.(?P<fmt>csv|json)$", views.export, name="export"),
]
