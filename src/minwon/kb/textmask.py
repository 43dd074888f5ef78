"""Masking personal data inside free text (an answer copied into 우수 답변 사례).

The field-level rules live in `minwon.lib.masking`; this applies them to running text: phone
numbers and e-mail addresses wherever they appear, and the names we know belong to the case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from minwon.lib.masking import mask_email, mask_name, mask_phone

PHONE_IN_TEXT = re.compile(r"(?<!\d)0\d{1,2}[-. )]?\d{3,4}[-. ]?\d{4}(?!\d)")
EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_text(text: str, *, names: Iterable[str] = ()) -> str:
    out = PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text or "")
    out = EMAIL_IN_TEXT.sub(lambda m: mask_email(m.group(0)), out)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(name, mask_name(name))
    return out
