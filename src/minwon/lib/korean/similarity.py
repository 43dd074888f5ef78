"""Text and place similarity for "similar open 민원" and 반복민원 evidence (pure Python).

Text similarity is a weighted cosine over morpheme counts (title terms count double: a title is
what the applicant thinks the 민원 is about). Place is haversine distance. The ranking blends
the two so that a very similar 민원 a little further away still beats a vaguely similar neighbour.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def term_vector(
    title_terms: Iterable[str], body_terms: Iterable[str], *, title_weight: float = 2.0
) -> dict[str, float]:
    # Counter counts in C: this runs for every candidate of every lookup.
    vec: dict[str, float] = Counter(body_terms)  # type: ignore[assignment]
    for t, n in Counter(title_terms).items():
        vec[t] = vec.get(t, 0) + n * title_weight
    return vec


def cosine(a: Mapping[str, float], b: Mapping[str, float], idf: Mapping[str, float] | None = None) -> float:
    if not a or not b:
        return 0.0

    def w(t: str) -> float:
        return idf.get(t, 1.0) if idf else 1.0

    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[t] * w(t) ** 2 for t, v in a.items() if t in b)
    if dot == 0:
        return 0.0
    na = math.sqrt(sum((v * w(t)) ** 2 for t, v in a.items()))
    nb = math.sqrt(sum((v * w(t)) ** 2 for t, v in b.items()))
    return dot / (na * nb)


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


@dataclass(frozen=True)
class Candidate:
    key: int
    vector: Mapping[str, float]
    lat: float | None = None
    lng: float | None = None
    at: datetime | None = None
    same_category: bool = False
    # Larger is newer; breaks ties. Callers that already hold rows newest-first pass their
    # position instead of `at`, which spares parsing hundreds of timestamps per lookup.
    recency: float | None = None


@dataclass(frozen=True)
class Ranked:
    key: int
    score: float
    text_similarity: float
    distance_m: float | None


def rank_candidates(
    query: Mapping[str, float],
    candidates: Sequence[Candidate],
    *,
    lat: float | None = None,
    lng: float | None = None,
    radius_m: float | None = None,
    min_text_similarity: float = 0.2,
    idf: Mapping[str, float] | None = None,
    limit: int = 5,
) -> list[Ranked]:
    """Candidates whose text is similar enough, best first.

    score = text similarity × (0.75 + 0.25 × nearness) + 0.05 for the same category, where
    nearness falls linearly from 1 at the spot to 0 at `radius_m`. Candidates outside the radius
    are dropped when both places are known. Ties go to the more recent 민원.
    """
    out: list[tuple[float, float, Ranked]] = []
    for c in candidates:
        sim = cosine(query, c.vector, idf)
        if sim < min_text_similarity:
            continue
        dist = None
        nearness = 0.0
        if lat is not None and lng is not None and c.lat is not None and c.lng is not None:
            dist = haversine_m(lat, lng, c.lat, c.lng)
            if radius_m is not None:
                if dist > radius_m:
                    continue
                nearness = 1.0 - dist / radius_m if radius_m > 0 else 1.0
        score = sim * (0.75 + 0.25 * nearness) + (0.05 if c.same_category else 0.0)
        recency = c.recency if c.recency is not None else (c.at.timestamp() if c.at else 0.0)
        out.append((score, recency, Ranked(c.key, round(score, 4), round(sim, 4), dist)))
    out.sort(key=lambda x: (x[0], x[1]), reverse=True)
    return [r for _, _, r in out[:limit]]
