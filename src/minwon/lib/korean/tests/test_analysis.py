"""Morpheme normalisation and query parsing (Kiwi loads once per test process)."""

from minwon.lib.korean.analysis import analyse, analyse_many, kiwi, parse_query


def test_particles_and_endings_are_dropped_stems_kept():
    a = analyse("가로등이 꺼졌어요")
    assert a.terms == ("가로등", "꺼지")
    assert a.nouns == ("가로등",)
    assert a.stems == ("꺼지",)


def test_spacing_variants_share_their_parts_and_unspaced_keeps_the_compound():
    assert analyse("불법 주차했어요").terms == ("불법", "주차")
    assert analyse("불법주차").terms == ("불법", "주차", "불법주차")
    assert analyse("불법주차").compounds == (("불법주차", ("불법", "주차")),)


def test_compound_kept_whole_by_kiwi_has_no_parts():
    # Kiwi keeps 보도블록 whole in a sentence but splits the bare word; both index 보도블록.
    assert "보도블록" in analyse("보도블록이 깨졌어요").terms
    assert "보도블록" in analyse("보도블록").terms


def test_query_requires_compound_or_all_its_parts():
    q = parse_query("음식물쓰레기 수거")
    assert q.required == ("음식물쓰레기", "수거")
    assert q.alternatives("음식물쓰레기") == ("음식물", "쓰레기")
    assert q.alternatives("수거") == ()
    assert {"음식물", "쓰레기"} <= set(q.all_terms)


def test_long_runs_of_nouns_join_in_pieces():
    a = analyse("주민센터민원실냉난방기고장")
    assert all(1 < len(parts) <= 4 for _, parts in a.compounds)


def test_batch_analysis_matches_single_and_keeps_empty_slots():
    texts = ["쓰레기 무단투기 신고합니다", "", "공원 벤치가 부서졌습니다"]
    batch = analyse_many(texts)
    assert [b.terms for b in batch] == [analyse(t).terms for t in texts]
    assert batch[1].terms == ()


def test_foreign_words_are_lowercased_and_symbols_dropped():
    assert analyse("CCTV 설치!!! 요청").terms == ("cctv", "설치", "요청")


def test_query_requires_nouns_and_ranks_with_stems_and_synonyms():
    q = parse_query("가로등이 꺼졌")
    assert q.required == ("가로등",)
    assert "꺼지" in q.optional and "고장" in q.optional


def test_query_of_only_a_verb_makes_it_optional_but_present():
    q = parse_query("시끄러워요")
    assert q.required == ()
    assert "시끄럽" in q.optional


def test_kiwi_is_created_once():
    assert kiwi() is kiwi()
