"""Masking personal data on pages the public or the applicant sees (개인정보 보호법 제29조).

Pure Python, no Django: one function per kind of field, each total (any string in, a string out,
never an exception) and idempotent enough that masking a masked value changes nothing visible.
The staff side shows the real values only through `access.reveal_contact`, which is logged.
"""

from __future__ import annotations

import re

MASK = "*"

_PHONE_DIGITS = re.compile(r"\D")
# 자동차 등록번호: optional region (서울), 2–3 digits, one Hangul syllable, 4 digits.
_PLATE = re.compile(r"^(?P<head>\s*(?:[가-힣]{2}\s?)?\d{2,3}\s?[가-힣]\s?)(?P<tail>\d{4})\s*$")


def mask_name(name: str) -> str:
    """홍길동 → 홍*동, 김민 → 김*, 남궁민수 → 남**수, John Smith → J********h."""
    name = (name or "").strip()
    if len(name) <= 1:
        return MASK * len(name)
    if len(name) == 2:
        return name[0] + MASK
    return name[0] + MASK * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    """010-1234-5678 → 010-****-5678; 02-123-4567 → 02-***-4567; the last four digits stay."""
    if MASK in (phone or ""):
        return phone.strip()
    digits = _PHONE_DIGITS.sub("", phone or "")
    if not digits:
        return ""
    if len(digits) < 7:
        return MASK * len(digits)
    if digits.startswith("02"):
        head = "02"
    elif len(digits) in (10, 11):
        head = digits[:3]
    else:
        head = ""
    middle = digits[len(head) : -4]
    parts = [head, MASK * len(middle), digits[-4:]] if head else [MASK * len(middle), digits[-4:]]
    return "-".join(parts)


def mask_email(email: str) -> str:
    """hong.gildong@example.com → ho**********@example.com; the domain stays readable."""
    email = (email or "").strip()
    if not email:
        return ""
    local, sep, domain = email.rpartition("@")
    if not sep:
        return mask_name(email)
    keep = 2 if len(local) > 3 else 1
    return local[:keep] + MASK * max(len(local) - keep, 1) + "@" + domain


def mask_address(address: str) -> str:
    """서울특별시 새빛구 빛나로 12, 101동 1001호 → 서울특별시 새빛구 빛나로 ***.

    Keeps the leading words without digits (시·구·동 or 도로명, at most three) and hides the rest,
    where the building number, apartment and unit are.
    """
    words = (address or "").split()
    if not words:
        return ""
    kept: list[str] = []
    for word in words:
        if any(ch.isdigit() for ch in word) or len(kept) == 3:
            break
        kept.append(word)
    if len(kept) == len(words):
        # No number at all (e.g. "새빛구 빛나동"): hide the last word so the place stays vague.
        kept = kept[:-1] if len(kept) > 1 else []
    return " ".join([*kept, MASK * 3])


def mask_plate(plate: str) -> str:
    """12가3456 → 12가****, 서울 12 가 3456 → 서울 12 가 ****; otherwise only the first two stay."""
    plate = plate or ""
    if MASK in plate:
        return plate.strip()
    m = _PLATE.match(plate)
    if m:
        return m.group("head") + MASK * 4
    stripped = plate.strip()
    if len(stripped) <= 2:
        return MASK * len(stripped)
    return stripped[:2] + MASK * (len(stripped) - 2)
