"""The pure rules: reproducible sampling, the weighted rubric score, the monthly roll-up."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from minwon.care import scoring


def test_sample_is_reproducible_and_order_independent():
    ids = list(range(1, 101))
    first = scoring.pick_sample(ids, 5, "seed:2026-11-23:7")
    assert first == scoring.pick_sample(list(reversed(ids)), 5, "seed:2026-11-23:7")
    assert len(first) == 5 and len(set(first)) == 5 and set(first) <= set(ids)
    assert first != scoring.pick_sample(ids, 5, "other-seed")


def test_sample_smaller_pool_takes_everything_and_zero_takes_nothing():
    assert scoring.pick_sample([3, 1, 2, 2], 5, "s") == [1, 2, 3]
    assert scoring.pick_sample([1, 2, 3], 0, "s") == []
    assert scoring.pick_sample([], 3, "s") == []


def test_week_start_is_monday():
    assert scoring.week_start(date(2026, 11, 26)) == date(2026, 11, 23)  # Thursday → Monday
    assert scoring.week_start(date(2026, 11, 23)) == date(2026, 11, 23)


def test_weighted_score_weights_each_criterion():
    weights = {"accuracy": Decimal(2), "courtesy": Decimal(1)}
    assert scoring.weighted_score({"accuracy": 5, "courtesy": 5}, weights) == Decimal("100.0")
    # (2·5/5 + 1·2/5) / 3 · 100 = (2 + 0.4) / 3 · 100 = 80.0
    assert scoring.weighted_score({"accuracy": 5, "courtesy": 2}, weights) == Decimal("80.0")
    # The heavier criterion moves the score more: (2·2/5 + 1·5/5)/3 = 60.0
    assert scoring.weighted_score({"accuracy": 2, "courtesy": 5}, weights) == Decimal("60.0")


@pytest.mark.parametrize(
    "scores, weights",
    [({"a": 6}, {"a": 1}), ({"a": 0}, {"a": 1}), ({}, {}), ({"a": 3}, {"a": 0}), ({"a": 3}, {"a": -1})],
)
def test_weighted_score_refuses_bad_input(scores, weights):
    with pytest.raises(ValueError):
        scoring.weighted_score(scores, {k: Decimal(v) for k, v in weights.items()})


def test_rollup_groups_by_department_and_month():
    rows = [
        (1, datetime(2026, 10, 31, 23, 0), Decimal("80")),
        (1, datetime(2026, 11, 1, 9, 0), Decimal("90")),
        (1, datetime(2026, 11, 20, 9, 0), Decimal("75")),
        (2, datetime(2026, 11, 2, 9, 0), Decimal("60")),
    ]
    result = scoring.rollup(rows)
    assert result[(1, "2026-10")] == {"n": 1, "average": Decimal("80.0")}
    assert result[(1, "2026-11")] == {"n": 2, "average": Decimal("82.5")}
    assert result[(2, "2026-11")] == {"n": 1, "average": Decimal("60.0")}
    assert len(result) == 3
