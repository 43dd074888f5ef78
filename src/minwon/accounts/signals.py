"""Login lockout bookkeeping (개인정보의 안전성 확보조치 기준: 일정 횟수 실패 시 접근 제한)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username")
    if not username:
        return
    User = get_user_model()
    updated = User.objects.filter(username=username).update(failed_logins=F("failed_logins") + 1)
    if not updated:
        return
    user = User.objects.only("failed_logins").get(username=username)
    if user.failed_logins >= settings.LOGIN_MAX_FAILURES:
        until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        User.objects.filter(pk=user.pk).update(locked_until=until, failed_logins=0)


@receiver(user_logged_in)
def reset_failures(sender, user, request=None, **kwargs):
    if user.failed_logins or user.locked_until:
        type(user).objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
