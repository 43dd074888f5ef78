"""Masking personal data inside free text (an answer copied into 우수 답변 사례).

The rules live in `minwon.lib.masking` (`mask_text`, the same the open board and `minwon mask`
use); on top of them this masks the names we know belong to the case, wherever they appear.
"""

from __future__ import annotations

from collections.abc import Iterable

from minwon.lib.masking import mask_name
from minwon.lib.masking import mask_text as mask_public_text


def mask_text(text: str, *, names: Iterable[str] = ()) -> str:
    out = mask_public_text(text or "")
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(name, mask_name(name))
    return out
