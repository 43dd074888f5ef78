from django.urls import path

from . import eval_views, views

app_name = "insight"
urlpatterns = [
    path("", views.home, name="home"),
    path("list/", views.complaint_list, name="list"),
    path("map/", views.map_page, name="map"),
    path("map.json", views.map_json, name="map_json"),
    path("evaluation/", eval_views.ranking, name="evaluation"),
    path("evaluation/weights/", eval_views.weights, name="weights"),
    path("evaluation.xlsx", eval_views.export_xlsx, name="evaluation_xlsx"),
    path("evaluation.pdf", eval_views.export_pdf, name="evaluation_pdf"),
    path("evaluation/<slug:kind>/<int:pk>/", eval_views.explain, name="explain"),
]
