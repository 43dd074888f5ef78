from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("desk/", views.desk, name="desk"),
    path("worklist/", views.worklist, name="worklist"),
    path("worklist.csv", views.worklist_csv, name="worklist_csv"),
    path("worklist/assign/", views.bulk_assign, name="bulk_assign"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("letters/", views.letters, name="letters"),
    path("letters.pdf", views.letters_pdf, name="letters_pdf"),
    path("complaints/<int:pk>/", views.complaint, name="complaint"),
    path("complaints/<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("complaints/<int:pk>/contact/", views.reveal_contact, name="reveal_contact"),
    path("complaints/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
]
