from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.MinwonLoginView.as_view(), name="login"),
    path("logout/", views.MinwonLogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
]
