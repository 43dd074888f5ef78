"""Dev-only pages (STYLE §13): log in as any demo user, and the outbox of every message "sent".

The app is installed and mounted only when DEBUG is on (settings.py, urls.py); each view checks
again, so a mis-mounted URL still answers 404 in production.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from minwon.accounts.views import home_for


def debug_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.DEBUG:
            raise Http404("개발 모드에서만 쓸 수 있는 화면입니다.")
        return view(request, *args, **kwargs)

    return wrapper


@debug_only
def login_as_list(request):
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .prefetch_related("role_grants", "memberships__department")
        .order_by("username")
    )
    return render(request, "devtools/login_as.html", {"users": users})


@debug_only
@require_POST
def login_as(request, user_pk: int):
    user = get_object_or_404(get_user_model(), pk=user_pk, is_active=True)
    login(request, user, backend="minwon.accounts.backends.LockoutModelBackend")
    messages.info(request, f"{user}(으)로 로그인했습니다 (개발용).")
    return redirect(home_for(user))


def _message_model():
    """minwon.notify's outbox model, or None while that app has no such model yet."""
    try:
        from minwon.notify import models as notify_models
    except ImportError:
        return None
    return getattr(notify_models, "Message", None)


@debug_only
def outbox(request):
    Message = _message_model()
    rows = None
    if Message is not None:
        rows = Message.objects.select_related("complaint").order_by("-created_at", "-pk")[:200]
    return render(request, "devtools/outbox.html", {"rows": rows, "model_ready": Message is not None})
