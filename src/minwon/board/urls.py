from django.urls import path

from . import views

app_name = "board"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("map/", views.post_map, name="map"),
    path("feed.json", views.feed_json, name="feed"),
    path("join/", views.join, name="join"),
    path("join/confirm/", views.join_confirm, name="join_confirm"),
    path("new/", views.post_new, name="new"),
    path("new/similar/", views.similar, name="similar"),
    path("moderation/", views.queue, name="queue"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/moderate/<slug:action>/", views.moderate, name="moderate"),
]
