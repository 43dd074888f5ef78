from django.urls import path

from . import views

app_name = "field"
urlpatterns = [
    path("", views.report, name="report"),
    path("submit/", views.submit, name="submit"),
    path("mine/", views.mine, name="mine"),
    path("participation/", views.participation, name="participation"),
    path("participation.csv", views.participation_csv, name="participation_csv"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="sw"),
    path("icons/<int:size>.png", views.icon, name="icon"),
]
