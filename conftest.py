"""Repo-wide pytest set-up: Playwright on the system Chromium, and screenshots for reviewers.

Browser tests use Debian's /usr/bin/chromium (``scripts/bootstrap.sh`` installs it); Playwright's
own browser download is never used (``playwright install`` is blocked on our machines).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# pytest-django's live_server runs Django in a thread while the sync Playwright API runs an event
# loop in the test thread; Django would otherwise refuse database access "from an async context".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Phone first: most 민원인 file from a phone.
SCREENSHOT_VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}


def artifacts_dir() -> Path:
    return Path(os.environ.get("MINWON_ARTIFACTS_DIR", "artifacts"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Pages negotiate their language from Accept-Language; our users' browsers ask for Korean.
    return {**browser_context_args, "locale": "ko-KR", "timezone_id": "Asia/Seoul"}


@pytest.fixture
def screenshot() -> Callable[..., list[Path]]:
    """``screenshot(page, "complaint-form")`` saves the page at phone and desktop widths.

    Files go to ``$MINWON_ARTIFACTS_DIR/screenshots/<name>-<width>.png`` (CI keeps ``artifacts/``);
    the page's viewport is restored afterwards. Returns the paths written.
    """

    def take(page: Any, name: str, *, full_page: bool = True) -> list[Path]:
        directory = artifacts_dir() / "screenshots"
        directory.mkdir(parents=True, exist_ok=True)
        original = page.viewport_size
        paths = []
        try:
            for width, height in SCREENSHOT_VIEWPORTS.values():
                page.set_viewport_size({"width": width, "height": height})
                path = directory / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=full_page)
                paths.append(path)
        finally:
            if original:
                page.set_viewport_size(original)
        return paths

    return take
