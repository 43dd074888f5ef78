"""SMS and 카카오 알림톡 through an HTTP provider, plus the JSON POST helper the webhook shares.

The adapter speaks one small generic JSON dialect (docs/notifications.md); a real Korean provider
(NHN Cloud, 솔라피, 알리고, KT 비즈메시지 …) is plugged in by subclassing `HttpProviderChannel`
and overriding `build_request` / `parse_response`, then naming the class in
`MINWON_NOTIFY_CHANNELS`. Only the stdlib is used: one POST per message needs no HTTP client.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

from .base import BaseChannel, PermanentFailure, TemporaryFailure

# Statuses that are the provider's momentary trouble, not our message's fault.
RETRYABLE_STATUS = frozenset({408, 425, 429})
# A provider that already has this idempotency key answers 409: the message is already there.
ALREADY_ACCEPTED = 409
# An SMS holds 90 bytes in EUC-KR (45 Hangul); longer texts go as LMS.
SMS_MAX_BYTES = 90


def post_json(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, str]:
    """POST and return (status, text). Network trouble becomes TemporaryFailure; HTTP errors do not."""
    if not url.startswith(("http://", "https://")):
        raise PermanentFailure(f"발송 주소가 올바르지 않습니다: {url!r}")
    req = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 (scheme checked above)
    req.add_header("Content-Type", "application/json; charset=utf-8")
    req.add_header("User-Agent", "minwon-notify/1")
    for name, value in headers.items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
            return resp.status, resp.read(65536).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(65536).decode("utf-8", "replace")
    except TimeoutError as exc:
        raise TemporaryFailure(f"응답 시간 초과({timeout:g}초)", response=repr(exc)) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise TemporaryFailure(f"응답 시간 초과({timeout:g}초)", response=repr(exc)) from exc
        raise TemporaryFailure(f"연결 실패: {exc.reason}", response=repr(exc)) from exc
    except (ConnectionError, OSError) as exc:
        raise TemporaryFailure(f"연결 실패: {exc}", response=repr(exc)) from exc


def classify(status: int, text: str) -> None:
    """Raise the right failure for a non-2xx answer."""
    if status in RETRYABLE_STATUS or status >= 500:
        raise TemporaryFailure(f"발송 업체 일시 오류 HTTP {status}", response=f"{status} {text[:500]}")
    raise PermanentFailure(
        f"발송 업체가 거부함 HTTP {status}: {text[:200]}", response=f"{status} {text[:500]}"
    )


def digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


class HttpProviderChannel(BaseChannel):
    """Generic JSON-over-HTTP message provider. Settings: MINWON_<PREFIX>_URL, _KEY, _SENDER."""

    prefix = ""

    def setting(self, name: str, default: Any = "") -> Any:
        return getattr(settings, f"MINWON_{self.prefix}_{name}", default)

    def build_request(self, message) -> tuple[str, dict[str, Any], dict[str, str]]:
        """(url, json body, extra headers). Override to speak a specific provider's API."""
        raise NotImplementedError

    def parse_response(self, status: int, text: str) -> str:
        """Provider reference for a 2xx answer; a 2xx that still reports a rejection raises."""
        try:
            data = json.loads(text) if text.strip() else {}
        except ValueError:
            data = {}
        if isinstance(data, dict):
            if str(data.get("status", "")).lower() in ("rejected", "failed", "error"):
                raise PermanentFailure(
                    f"발송 업체가 거부함: {data.get('reason') or data}", response=text[:500]
                )
            return str(data.get("id") or data.get("message_id") or data.get("messageId") or "")
        return ""

    def send(self, message) -> str:
        url = self.setting("URL")
        if not url:
            raise PermanentFailure(f"MINWON_{self.prefix}_URL이 설정되어 있지 않습니다.")
        url, payload, headers = self.build_request(message)
        key = self.setting("KEY")
        if key:
            headers.setdefault("Authorization", f"Bearer {key}")
        # The provider drops a second request with the same key: a retry after a lost answer or a
        # worker crash cannot make the citizen's phone buzz twice.
        headers.setdefault("Idempotency-Key", message.idempotency_key)
        body = json.dumps(payload, ensure_ascii=False).encode()
        status, text = post_json(url, body, headers, float(settings.MINWON_PROVIDER_TIMEOUT))
        if status == ALREADY_ACCEPTED:
            return f"duplicate:{message.idempotency_key}"
        if not 200 <= status < 300:
            classify(status, text)
        return self.parse_response(status, text) or message.idempotency_key


class SmsChannel(HttpProviderChannel):
    name = "sms"
    prefix = "SMS"

    def build_request(self, message):
        to = digits(message.recipient)
        if not re.fullmatch(r"0\d{8,10}", to):
            raise PermanentFailure(f"문자를 받을 수 없는 번호입니다: {message.recipient}")
        text = message.body
        long = len(text.encode("cp949", errors="replace")) > SMS_MAX_BYTES
        payload = {
            "type": "LMS" if long else "SMS",
            "to": to,
            "from": digits(self.setting("SENDER")),
            "text": text,
            "reference": message.idempotency_key,
        }
        if long:
            payload["subject"] = message.subject[:40]
        return self.setting("URL"), payload, {}


class AlimtalkChannel(HttpProviderChannel):
    """카카오 알림톡: a pre-approved template (code) with its text; the provider checks they match."""

    name = "alimtalk"
    prefix = "ALIMTALK"

    def build_request(self, message):
        to = digits(message.recipient)
        if not re.fullmatch(r"01\d{8,9}", to):
            raise PermanentFailure(f"알림톡을 받을 수 없는 번호입니다: {message.recipient}")
        payload = {
            "type": "ALIMTALK",
            "to": to,
            "sender_key": self.setting("SENDER_KEY"),
            "template_code": (message.context or {}).get("_alimtalk_template_code") or message.template_key,
            "text": message.body,
            "reference": message.idempotency_key,
            # Our own fallback chain decides what follows a failure, so the provider must not
            # silently resend as SMS (that would be a second message we do not know about).
            "fallback": False,
        }
        return self.setting("URL"), payload, {}
