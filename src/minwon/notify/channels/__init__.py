"""Delivery channels as plug-ins (STYLE §7): one class each with `send(message) -> provider_ref`.

`send` raises `TemporaryFailure` (worth retrying later: timeouts, 5xx, throttling) or
`PermanentFailure` (retrying cannot help: rejected number, bad address). Which class serves which
channel is the setting `MINWON_NOTIFY_CHANNELS`, so a city plugs in its own provider without
touching this package (docs/notifications.md).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import BaseChannel, DryRunChannel, PermanentFailure, TemporaryFailure

__all__ = ["BaseChannel", "PermanentFailure", "TemporaryFailure", "get_channel"]

# Channels that reach outside the machine; dry-run mode (the demo) records instead of sending.
NETWORK_CHANNELS = frozenset({"sms", "alimtalk", "email", "webhook"})


def get_channel(name: str) -> BaseChannel:
    """A fresh channel object (cheap; it reads its settings when sending, so tests can override)."""
    if settings.MINWON_NOTIFY_DRY_RUN and name in NETWORK_CHANNELS:
        return DryRunChannel()
    path = settings.MINWON_NOTIFY_CHANNELS.get(name)
    if not path:
        return _Unconfigured(name)
    return import_string(path)()


class _Unconfigured(BaseChannel):
    def __init__(self, name: str):
        self.name = name

    def send(self, message) -> str:
        raise PermanentFailure(f"'{self.name}' 발송 수단이 설정되어 있지 않습니다 (MINWON_NOTIFY_CHANNELS).")
