"""Staff log-in: argon2 hashes and lockout after repeated failures."""

import pytest
from django.contrib.auth import authenticate

from minwon.testing.factories import PASSWORD, create_user


@pytest.mark.real_hashing
def test_passwords_are_hashed_with_argon2(db):
    user = create_user(username="hasher", roles=["officer"])
    assert user.password.startswith("argon2")


def test_lockout_after_repeated_failures(db, settings):
    settings.LOGIN_MAX_FAILURES = 3
    create_user(username="kim", roles=["officer"])
    for _ in range(3):
        assert authenticate(username="kim", password="wrong-password") is None
    # Locked: even the right password is refused now.
    assert authenticate(username="kim", password=PASSWORD) is None
    from minwon.accounts.models import User

    assert User.objects.get(username="kim").is_locked()


def test_success_resets_failure_count(db):
    create_user(username="lee", roles=["desk"])
    authenticate(username="lee", password="nope-nope")
    from django.test import Client

    assert Client().login(username="lee", password=PASSWORD)
    from minwon.accounts.models import User

    assert User.objects.get(username="lee").failed_logins == 0


def test_roles_are_a_set(db):
    u = create_user(roles=["officer", "head"])
    assert u.has_role("head") and u.has_role("desk", "officer") and not u.has_role("auditor")
    assert u.is_staff_member
    assert not create_user(roles=["citizen"]).is_staff_member
