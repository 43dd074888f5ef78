"""Log-in, log-out and citizen sign-up (one page for staff and citizens)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import LoginForm, SignupForm


def home_for(user) -> str:
    """Where a person lands after logging in: staff to their work, citizens to their 민원."""
    if user.is_staff_member:
        try:
            return reverse("staff:home")
        except NoReverseMatch:
            return reverse("portal:home")
    return reverse("portal:my")


class MinwonLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_for(self.request.user)


class MinwonLogoutView(LogoutView):
    next_page = "portal:home"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("로그아웃했습니다."))
        return response


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect(home_for(request.user))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="minwon.accounts.backends.LockoutModelBackend")
        messages.success(request, _("가입했습니다. 이제 신청한 민원을 '내 민원'에서 모아 볼 수 있습니다."))
        return redirect("portal:my")
    return render(request, "accounts/signup.html", {"form": form})
