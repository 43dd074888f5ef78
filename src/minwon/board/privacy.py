"""Which posts must stay private, and the public form of everything a post shows.

`public_text` is the one door from stored text to a public page: it applies
`minwon.lib.masking.mask_text`, the same rule `minwon mask` prints.
"""

from __future__ import annotations

import re

from minwon.accounts.models import STAFF_ROLES, User
from minwon.lib.masking import looks_like_korean_name, mask_name, mask_text, staff_mentions

# 불친절 신고 in the citizen's own words; such posts name or point at an employee.
UNKIND_WORDS = re.compile(r"불친절|막말|반말|욕설|욕을|고압적|무시하|태도가|태도 불량|갑질")


def public_text(text: str) -> str:
    return mask_text(text or "")


def public_name(name: str) -> str:
    return mask_name(name or "")


def staff_names() -> list[str]:
    names = (
        User.objects.filter(is_active=True, role_grants__role__in=list(STAFF_ROLES))
        .exclude(display_name="")
        .values_list("display_name", flat=True)
        .distinct()
    )
    return sorted({n.strip() for n in names if looks_like_korean_name(n)})


def names_staff(text: str, names: list[str] | None = None) -> str | None:
    """The first staff display name that appears in `text` as a word (not inside a longer word)."""
    for name in staff_names() if names is None else names:
        if re.search(rf"(?<![가-힣A-Za-z]){re.escape(name)}(?![가-힣A-Za-z])", text) or re.search(
            rf"(?<![가-힣A-Za-z]){re.escape(name)}(?=\s?(?:님|씨|주무관|팀장|과장|국장|계장|주임|직원)|께|에게|이|가|은|는|을|를|의)",
            text,
        ):
            return name
    return None


def private_reason(*, title: str, body: str, category=None) -> str:
    """Why a new post must be private ("" if it may be public)."""
    text = f"{title}\n{body}"
    if category is not None and category.is_sensitive:
        return f"'{category.name}' 유형은 공개하지 않습니다."
    if UNKIND_WORDS.search(text):
        return "불친절 신고로 보여 작성자와 담당 직원만 볼 수 있게 했습니다."
    # A registered employee's name, or anyone named with a staff title (홍길동 주무관, 이팀장):
    # praise and blame alike stay between the writer and the city until a moderator opens them.
    if names_staff(text) or staff_mentions(text):
        return "직원 이름이 들어 있어 작성자와 담당 직원만 볼 수 있게 했습니다."
    return ""


_AREA = re.compile(r"([가-힣]{1,8}\d?(?:동|읍|면))(?=\s|,|$)")


def area_of(address: str) -> str:
    """The 동·읍·면 of an address ("새빛구 빛나동 123" → "빛나동"), for the area filter."""
    for word in (address or "").replace(",", " ").split():
        m = _AREA.fullmatch(word)
        if m and not word[0].isdigit():
            return m.group(1)
    return ""
