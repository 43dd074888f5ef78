from django.urls import path

from . import views

app_name = "proactive"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("new/", views.task_new, name="new"),
    path("tasks/<int:pk>/", views.task_detail, name="detail"),
    path("tasks/<int:pk>/act/<slug:action>/", views.task_act, name="act"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("consultations/<int:pk>/answer/", views.consultation_answer, name="answer"),
    path("training/", views.training, name="training"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
]
