"""Webhook: the event as JSON, signed with HMAC-SHA256 so the receiver can trust it.

Headers: `X-Minwon-Timestamp: <unix seconds>`, `X-Minwon-Signature: sha256=<hex>` over
"<timestamp>.<body>" with the endpoint's secret, and `Idempotency-Key` (the same on every retry).
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings

from .base import BaseChannel, PermanentFailure
from .http import classify, post_json


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: int = 300) -> bool:
    """What a receiver does (documented and tested): constant-time compare, reject stale stamps."""
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


class WebhookChannel(BaseChannel):
    name = "webhook"

    def send(self, message) -> str:
        endpoint = message.webhook
        if endpoint is None or not endpoint.is_active:
            raise PermanentFailure("웹훅 설정이 없거나 꺼져 있습니다.")
        body = message.body.encode()
        timestamp = str(int(time.time()))
        headers = {
            "X-Minwon-Timestamp": timestamp,
            "X-Minwon-Signature": sign(endpoint.secret, timestamp, body),
            "X-Minwon-Event": message.subject.split(" ", 1)[0],
            "Idempotency-Key": message.idempotency_key,
        }
        status, text = post_json(endpoint.url, body, headers, float(settings.MINWON_PROVIDER_TIMEOUT))
        if not 200 <= status < 300:
            classify(status, text)
        return f"http-{status}"
