"""Fixtures for every test under src/minwon: the persona city (see minwon.testing.fixtures)."""

import pytest

from minwon.testing.fixtures import city  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    # argon2 is deliberately slow (~50 ms a hash); personas are created for almost every test.
    # Tests marked `real_hashing` (the login tests) keep the production hasher.
    if "real_hashing" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_api_token_cache():
    # Web processes keep looked-up API tokens for a few seconds; a test's database is new each time.
    from minwon.api import tokens

    tokens.forget()
    yield
    tokens.forget()
