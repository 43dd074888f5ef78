"""``minwon mask``: read text on standard input, print its public (masked) form.

Staff paste a text to see what the public will see before publishing it; the board shows
posts through the same `mask_text`. Pure Python: answers without Django or a database.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from .masking import mask_text, personal_data_kinds

USAGE = "사용법: minwon mask [--kinds] < 글.txt\n  --kinds  가린 개인정보 종류도 표준 오류로 알립니다\n"


def main(argv: Sequence[str] = (), stdin: Any = None, stdout: Any = None, stderr: Any = None) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    args = list(argv)
    if any(a in ("-h", "--help") for a in args):
        stdout.write(USAGE)
        return 0
    unknown = [a for a in args if a != "--kinds"]
    if unknown:
        stderr.write(f"알 수 없는 옵션: {' '.join(unknown)}\n{USAGE}")
        return 2
    text = stdin.read()
    stdout.write(mask_text(text))
    if "--kinds" in args:
        kinds = personal_data_kinds(text)
        stderr.write(("가린 항목: " + ", ".join(kinds)) if kinds else "가린 항목 없음")
        stderr.write("\n")
    return 0
