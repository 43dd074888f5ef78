"""Short body excerpts with personal data masked, for search results and the machine interfaces."""

from __future__ import annotations

import re

from minwon.lib.masking import mask_text

# Bare account-like numbers (no bank named nearby): `mask_text` leaves them, an excerpt does not.
ACCOUNT = re.compile(r"\b\d{2,6}-\d{2,6}-\d{2,8}\b")
SNIPPET_CHARS = 80


def safe_snippet(body: str, *, length: int = SNIPPET_CHARS) -> str:
    """The start of the body with personal data masked by the one masking module (`mask_text`:
    names with titles, phones, e-mails, plates, ID and account numbers, detailed addresses)."""
    text = mask_text(" ".join((body or "").split()))
    text = ACCOUNT.sub("***-***-***", text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
