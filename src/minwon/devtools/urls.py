from django.urls import path

from . import views

app_name = "devtools"
urlpatterns = [
    path("login-as/", views.login_as_list, name="login_as_list"),
    path("login-as/<int:user_pk>/", views.login_as, name="login_as"),
    path("outbox/", views.outbox, name="outbox"),
]
