"""Short body excerpts with personal data masked, for search results."""

from __future__ import annotations

import re

try:
    from minwon.lib.masking import mask_email, mask_phone, mask_plate
except ImportError:  # pragma: no cover - the masking module arrives with the portal work
    mask_email = mask_phone = mask_plate = None  # type: ignore[assignment]

PHONE = re.compile(r"\b0\d{1,2}[-.\s]?\d{3,4}[-.\s]?\d{4}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PLATE = re.compile(r"(?:[가-힣]{2}\s?)?\d{2,3}\s?[가-힣]\s?\d{4}")
RRN = re.compile(r"\b\d{6}\s?-\s?[1-4]\d{6}\b")  # 주민등록번호: never shown, even masked
ACCOUNT = re.compile(r"\b\d{2,6}-\d{2,6}-\d{2,8}\b")
SNIPPET_CHARS = 80


def safe_snippet(body: str, *, length: int = SNIPPET_CHARS) -> str:
    """The start of the body with phone numbers, e-mails, plates and ID numbers masked.

    Without the masking helpers nothing is shown (an empty excerpt is safe, a leaky one is not).
    """
    if mask_phone is None:
        return ""
    text = " ".join((body or "").split())
    text = RRN.sub("******-*******", text)
    text = EMAIL.sub(lambda m: mask_email(m.group()), text)
    text = PHONE.sub(lambda m: mask_phone(m.group()), text)
    text = PLATE.sub(lambda m: mask_plate(m.group()), text)
    text = ACCOUNT.sub("***-***-***", text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
