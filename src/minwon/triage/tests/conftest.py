from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from minwon.complaints.choices import Visibility
from minwon.testing import factories as f
from minwon.triage.routing import forget_loaded_model

# 새빛구 청사 앞 (Seoul City Hall); ~0.0009° of latitude ≈ 100 m.
HERE = (37.5665, 126.9780)
_phones = itertools.count(1000)


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    forget_loaded_model()
    yield
    forget_loaded_model()


def north(metres: float) -> tuple[float, float]:
    return (HERE[0] + metres / 111_195, HERE[1])


@pytest.fixture
def file(city):
    """file(title, body, **kw) → a received-and-accepted 민원 (public, at HERE unless told)."""

    def make(title, body="", *, at=HERE, category=None, visibility=Visibility.PUBLIC, days_ago=0, **kw):
        lat, lng = at if at else (None, None)
        kw.setdefault("phone", f"010-5555-{next(_phones):04d}")
        return f.create_complaint(
            category=category or city.streetlight,
            title=title,
            body=body or title,
            lat=lat,
            lng=lng,
            visibility=visibility,
            received_at=timezone.now() - timedelta(days=days_ago),
            **kw,
        )

    return make
