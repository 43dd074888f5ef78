from django.urls import path

from . import panel_views, views

app_name = "triage"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("complaint/<int:pk>/", panel_views.panel, name="panel"),
    path("complaint/<int:pk>/group/", panel_views.group, name="group"),
    path("complaint/<int:pk>/similar/", views.similar, name="similar"),
    path("complaint/<int:pk>/merge/", views.merge, name="merge"),
    path("complaint/<int:pk>/repeated/", views.repeated, name="repeated"),
    path("complaint/<int:pk>/support/", views.support, name="support"),
]
