from django.urls import path

from . import views

app_name = "kb"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.article, name="article"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/diff/", views.diff, name="diff"),
    path("<int:pk>/suggest/", views.suggest, name="suggest"),
    path("suggestions/<int:pk>/", views.decide, name="decide"),
]
