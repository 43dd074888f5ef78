from __future__ import annotations

import logging

log = logging.getLogger("minwon.notify")


class DeliveryFailure(Exception):
    """Base of both failures; the message (Korean or the provider's text) is stored on the attempt."""

    def __init__(self, message: str, *, response: str = ""):
        super().__init__(message)
        self.response = response or message


class TemporaryFailure(DeliveryFailure):
    """Try again later with backoff (timeout, connection refused, 5xx, 429)."""


class PermanentFailure(DeliveryFailure):
    """Retrying cannot help (invalid number, rejected content, 4xx): fall back to the next channel."""


class BaseChannel:
    name = ""
    # A letter is "sent" when the desk posts it: the worker only renders it into the print queue.
    completes_on_send = True

    def send(self, message) -> str:
        raise NotImplementedError


class DryRunChannel(BaseChannel):
    """MINWON_NOTIFY_DRY_RUN (the demo): nothing leaves the machine; the outbox page shows the text."""

    name = "dry-run"

    def send(self, message) -> str:
        log.info(
            "dry-run %s → %s: %s", message.channel, message.recipient, message.subject or message.body[:60]
        )
        return f"dry-run:{message.idempotency_key}"
