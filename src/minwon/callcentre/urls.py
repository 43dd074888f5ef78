from django.urls import path

from . import views

app_name = "callcentre"
urlpatterns = [
    path("", views.console, name="console"),
    path("lookup/", views.lookup, name="lookup"),
    path("kb/", views.kb_search, name="kb_search"),
    path("kb/<int:pk>/", views.kb_article, name="kb_article"),
    path("record/", views.record, name="record"),
    path("reports/", views.reports, name="reports"),
    path("reports.csv", views.reports_csv, name="reports_csv"),
    path("oral/", views.oral_list, name="oral_list"),
    path("oral/new/", views.oral_new, name="oral_new"),
    path("oral/<int:pk>/", views.oral_detail, name="oral_detail"),
    path("oral/<int:pk>/code/", views.oral_send_code, name="oral_send_code"),
    path("oral/<int:pk>/confirm/", views.oral_confirm_code, name="oral_confirm_code"),
    path("oral/<int:pk>/cancel/", views.oral_cancel, name="oral_cancel"),
    path("oral/<int:pk>/tablet/", views.oral_tablet, name="oral_tablet"),
    path("oral/<int:pk>/signature.png", views.oral_signature, name="oral_signature"),
]
