from datetime import datetime

import pytest

from minwon.lib.korean.similarity import Candidate, cosine, haversine_m, jaccard, rank_candidates, term_vector


def test_haversine_one_degree_of_latitude():
    assert haversine_m(37.0, 127.0, 38.0, 127.0) == pytest.approx(111_195, rel=1e-3)


def test_cosine_and_jaccard_basics():
    a = term_vector(["가로등", "고장"], ["골목", "어둡"])
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, term_vector(["공원"], [])) == 0.0
    assert jaccard(["a", "b"], ["b", "c"]) == pytest.approx(1 / 3)


def test_genre_weights_lower_the_similarity_of_boilerplate():
    a = term_vector(["민원", "가로등"], [])
    b = term_vector(["민원", "쓰레기"], [])
    assert cosine(a, b, {"민원": 0.3}) < cosine(a, b)


def test_ranking_prefers_text_then_nearness_and_drops_far_or_unrelated():
    q = term_vector(["가로등", "고장"], [])
    at = datetime(2026, 5, 1)
    cands = [
        Candidate(1, term_vector(["가로등", "고장"], []), 37.5000, 127.0000, at),  # same text, here
        Candidate(2, term_vector(["가로등", "고장"], []), 37.5030, 127.0000, at),  # same text, ~330 m
        Candidate(3, term_vector(["가로등"], ["어둡"]), 37.5001, 127.0000, at),  # partly similar, here
        Candidate(4, term_vector(["쓰레기"], []), 37.5000, 127.0000, at),  # unrelated
        Candidate(5, term_vector(["가로등", "고장"], []), 37.6000, 127.0000, at),  # 11 km away
    ]
    ranked = rank_candidates(q, cands, lat=37.5, lng=127.0, radius_m=500)
    assert [r.key for r in ranked] == [1, 2, 3]
    assert ranked[1].distance_m == pytest.approx(333, rel=0.02)


def test_ties_go_to_the_more_recent():
    q = term_vector(["소음"], [])
    old = Candidate(1, q, at=datetime(2026, 1, 1))
    new = Candidate(2, q, at=datetime(2026, 2, 1))
    assert [r.key for r in rank_candidates(q, [old, new])] == [2, 1]
