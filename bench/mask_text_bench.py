"""Masking throughput and reach on real Korean text (issue 6).

    uv run python bench/mask_text_bench.py /work/shared/data/petitions/petition_data.csv

Runs `minwon.lib.masking.mask_text` over every petition title (real text people wrote to a
public board, 85,856 rows), three passes; prints titles/s, the slowest single title, and how many
titles each rule changed (the rules run in order, as on the board). Then times a 10,000-character
민원 body, the longest the board accepts. Pure Python: no Django, no database.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter

from minwon.lib.masking import _TEXT_RULES, mask_text

BODY = (
    "빛나로 12, 101동 1203호 앞에 12가3456 차량이 매일 인도를 막고 있습니다. 차주 김철수 씨 "
    "연락처 010-9876-5432, 메일 kimcs@example.com. 담당자 최민수 주무관께 말씀드렸습니다. "
)


def main(path: str) -> int:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        titles = [row["title"] for row in csv.DictReader(fh) if row.get("title")]
    passes, best, slowest = 3, float("inf"), (0.0, "")
    for _ in range(passes):
        started = time.perf_counter()
        for t in titles:
            mask_text(t)
        best = min(best, time.perf_counter() - started)
    for t in titles:
        t0 = time.perf_counter()
        mask_text(t)
        slowest = max(slowest, (time.perf_counter() - t0, t))
    touched: Counter[str] = Counter()
    for t in titles:
        out = t
        for kind, pattern, repl in _TEXT_RULES:
            new = pattern.sub(repl, out)
            if new != out:
                touched[kind] += 1
            out = new
    body = (BODY * (10_000 // len(BODY) + 1))[:10_000]
    t0 = time.perf_counter()
    for _ in range(20):
        mask_text(body)
    body_ms = (time.perf_counter() - t0) / 20 * 1000
    chars = sum(map(len, titles))
    print(f"titles: {len(titles)}  characters: {chars}")
    rate = f"{len(titles) / best:,.0f} titles/s, {chars / best:,.0f} chars/s"
    print(f"best of {passes} passes: {best:.2f} s = {rate}")
    print(f"slowest title: {slowest[0] * 1000:.2f} ms ({len(slowest[1])} chars)")
    print(f"10,000-char body: {body_ms:.1f} ms")
    print("titles changed per rule: " + ", ".join(f"{k} {v}" for k, v in touched.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/petitions/petition_data.csv"))
