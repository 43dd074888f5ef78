from django.urls import path

from . import views

app_name = "insight"
urlpatterns = [
    path("", views.home, name="home"),
    path("list/", views.complaint_list, name="list"),
    path("map/", views.map_page, name="map"),
    path("map.json", views.map_json, name="map_json"),
]
