from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("file/", views.file_complaint, name="file"),
    path("file/similar/", views.similar, name="similar"),
    path("complaints/<int:pk>/receipt/", views.receipt, name="receipt"),
    path("complaints/<int:pk>/", views.detail, name="detail"),
    path("complaints/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("complaints/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("complaints/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("my/", views.my_complaints, name="my"),
    path("track/", views.track, name="track"),
]
