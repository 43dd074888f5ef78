"""Browser tests: pytest-django's live_server + Playwright on /usr/bin/chromium (see /conftest.py).

The persona city comes from minwon.testing.fixtures; pages are screenshot at phone and desktop
widths through the repo-wide `screenshot` fixture.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from minwon.testing.factories import PASSWORD
from minwon.testing.fixtures import city  # noqa: F401

# Anything that is not the live server (map tiles, fonts from the web) is cut off: tests run offline
# and must show that the pages degrade gracefully.
EXTERNAL = re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(live_server, transactional_db, city):  # noqa: F811
    return live_server.url


@pytest.fixture
def new_page(browser, browser_context_args):
    """`new_page()` opens a fresh context (its own cookies: another person) with the web cut off."""
    contexts = []

    def make(**kwargs):
        context = browser.new_context(**{**browser_context_args, **kwargs})
        context.route(EXTERNAL, lambda route: route.abort())
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, site: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("아이디").fill(username)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인", exact=True).click()
    # Until the redirect away from the form: wait_for_load_state() alone can return before the
    # POST lands, and the test's next goto() would then cancel the log-in.
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.wait_for_load_state()
