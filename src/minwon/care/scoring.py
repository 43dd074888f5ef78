"""Pure rules of answer-quality monitoring: who is sampled, how a rubric scores, how months roll up.

No Django here (STYLE §1): the job and the reports feed plain values in, so the rules are tested
without a database and give the same answer on SQLite and PostgreSQL.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

SCALE_MAX = 5  # each criterion is scored 1–5


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def pick_sample(ids: Iterable[int], size: int, seed: str) -> list[int]:
    """`size` ids chosen at random but reproducibly: the same ids and seed give the same sample.

    The ids are sorted first, so the database's row order cannot change the choice.
    """
    pool = sorted(set(ids))
    if size <= 0 or not pool:
        return []
    if len(pool) <= size:
        return pool
    return sorted(random.Random(seed).sample(pool, size))  # noqa: S311 - sampling, not security


def weighted_score(scores: Mapping[str, int], weights: Mapping[str, Decimal]) -> Decimal:
    """A 0–100 score: each 1–5 criterion as a share of 5, weighted. Raises ValueError on bad input."""
    if not scores:
        raise ValueError("평가 항목이 없습니다.")
    total_weight = Decimal(0)
    acc = Decimal(0)
    for code, score in scores.items():
        if not 1 <= int(score) <= SCALE_MAX:
            raise ValueError(f"점수는 1~{SCALE_MAX}점이어야 합니다: {code}={score}")
        weight = Decimal(weights[code])
        if weight < 0:
            raise ValueError(f"가중치는 0 이상이어야 합니다: {code}")
        total_weight += weight
        acc += weight * Decimal(int(score)) / SCALE_MAX
    if total_weight == 0:
        raise ValueError("가중치의 합이 0입니다.")
    return (acc / total_weight * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def month_of(dt: datetime | date) -> str:
    return f"{dt.year:04d}-{dt.month:02d}"


def rollup(rows: Iterable[tuple[object, datetime, Decimal]]) -> dict[tuple[object, str], dict]:
    """(group, local time, score) rows → {(group, "YYYY-MM"): {"n", "average"}} (average to 0.1)."""
    sums: dict[tuple[object, str], list[Decimal]] = defaultdict(list)
    for group, when, score in rows:
        sums[(group, month_of(when))].append(Decimal(score))
    return {
        key: {
            "n": len(values),
            "average": (sum(values, Decimal(0)) / len(values)).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            ),
        }
        for key, values in sums.items()
    }
