from django.contrib.auth.backends import ModelBackend
from django.utils import timezone


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses a locked account even with the right password.

    Counting failures lives in `signals.py`; this only enforces the lock so a guessed password
    during lockout gains nothing.
    """

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "locked_until", None) and user.locked_until > timezone.now():
            return False
        return super().user_can_authenticate(user)
