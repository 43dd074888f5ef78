"""Phone numbers as the call centre compares them: the same normal form intake stores."""

from __future__ import annotations

import re

from minwon.complaints.intake import PHONE_RE, _normalise_phone


def normalise(raw: str) -> str:
    """'01012345678', '010 1234 5678', '010-1234-5678' → '010-1234-5678'; '' if not a phone number."""
    digits = re.sub(r"\D", "", raw or "")
    if not digits or not PHONE_RE.match(digits):
        return ""
    return _normalise_phone(digits)
