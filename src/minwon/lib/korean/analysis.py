"""Normalised Korean morphemes for search, similarity and routing features.

One `Kiwi()` per process, created lazily on first use under a lock (it costs ~0.5 GB and 2–4 s).
Not fork-safe: created before a `fork()`, its analysis threads are gone in the child and a batch
analysis there hangs (single texts still work), so it is not preloaded into gunicorn's master;
each web or worker process creates its own when it first needs one. Batch analysis
(`analyse_many`) uses Kiwi's own worker threads and is what bulk indexing should call.

What is kept: nouns (일반·고유), roots (XR), foreign words and numbers, and the stems of verbs
and adjectives ("꺼졌" → "꺼지"). Particles, endings, suffixes, symbols and a few content-free
stems (하·있·되 …) are dropped. Nouns are the *required* terms of a search; verb and adjective
stems only add to the ranking (so "가로등이 꺼졌" still finds "가로등 고장").

Compound nouns: Kiwi keeps "보도블록" whole in "보도블록이 깨졌어요" but splits the bare query
"보도블록" into 보도 + 블록. So wherever nouns touch with no space between them, the joined form is
kept as well (terms get 보도 블록 보도블록), and a query requires "the joined form, or all of its
parts" for each such run: either spelling finds the other.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NOUN_TAGS = frozenset({"NNG", "NNP", "XR", "SL", "SH"})
# Only common and proper nouns join into compounds ("음식물쓰레기"); roots and foreign words don't.
COMPOUND_TAGS = frozenset({"NNG", "NNP"})
# Longest run of touching nouns joined (longer runs are split into joined pieces of this size).
MAX_COMPOUND_PARTS = 4
NUMBER_TAGS = frozenset({"SN"})
STEM_TAGS = frozenset({"VV", "VA"})
STOP_TERMS = frozenset(
    {
        "하",
        "있",
        "되",
        "없",
        "같",
        "않",
        "이",
        "그",
        "저",
        "것",
        "수",
        "등",
        "때",
        "곳",
        "좀",
        "및",
        "더",
        "안",
    }
)
# A short, admin-independent list of equivalences the desk uses every day. Added to a *query*
# as optional terms (ranking only), never to the index, so it cannot make a search stricter.
QUERY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "꺼지": ("고장", "소등"),
    "고장": ("꺼지", "파손"),
    "부서지": ("파손", "고장"),
    "파손": ("부서지", "고장"),
    "포트홀": ("파이", "구멍"),
    "투기": ("쓰레기",),
    "시끄럽": ("소음",),
    "소음": ("시끄럽",),
}
_TERM_OK = re.compile(r"^[0-9a-z가-힣ㄱ-ㅎㅏ-ㅣ]+$")
_WORD = re.compile(r"[0-9A-Za-z가-힣]+")

_kiwi = None
_kiwi_lock = threading.Lock()


def kiwi():
    """The process's Kiwi analyser (thread-safe lazy initialisation)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


def kiwi_loaded() -> bool:
    return _kiwi is not None


@dataclass(frozen=True)
class Analysis:
    """Terms in text order (duplicates kept: term frequency matters for ranking)."""

    nouns: tuple[str, ...]
    stems: tuple[str, ...]
    terms: tuple[str, ...]
    # (joined, parts) for each run of nouns written without a space: ("보도블록", ("보도", "블록")).
    compounds: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.terms)


EMPTY = Analysis((), (), ())


def _from_tokens(tokens) -> Analysis:
    nouns: list[str] = []
    stems: list[str] = []
    terms: list[str] = []
    compounds: list[tuple[str, tuple[str, ...]]] = []
    run: list[str] = []  # touching nouns seen so far
    run_end = -1

    def close_run() -> None:
        for i in range(0, len(run), MAX_COMPOUND_PARTS):
            parts = tuple(run[i : i + MAX_COMPOUND_PARTS])
            if len(parts) > 1:
                compounds.append(("".join(parts), parts))
                terms.append("".join(parts))
        run.clear()

    for tok in tokens:
        tag = tok.tag.split("-", 1)[0]
        form = tok.form.lower()
        if tag in NOUN_TAGS or tag in NUMBER_TAGS:
            bucket = nouns if tag in NOUN_TAGS else None
        elif tag in STEM_TAGS:
            bucket = stems
        else:
            bucket = None
            tag = ""
        kept = bool(tag) and form not in STOP_TERMS and bool(_TERM_OK.match(form))
        kept = kept and not (tag in NUMBER_TAGS and len(form) < 2)
        if not (kept and tag in COMPOUND_TAGS and (not run or tok.start == run_end)):
            close_run()
        if not kept:
            continue
        if tag in COMPOUND_TAGS:
            run.append(form)
            run_end = tok.start + tok.len
        if bucket is not None:
            bucket.append(form)
        terms.append(form)
    close_run()
    return Analysis(tuple(nouns), tuple(stems), tuple(terms), tuple(compounds))


def _clean(text: str) -> str:
    return (text or "").strip()[:5000]


def analyse(text: str) -> Analysis:
    text = _clean(text)
    if not text:
        return EMPTY
    return _from_tokens(kiwi().tokenize(text))


def analyse_many(texts: Sequence[str]) -> list[Analysis]:
    """Batch analysis for bulk indexing (Kiwi's worker threads; ~3k sentences/s on 2 cores)."""
    cleaned = [_clean(t) for t in texts]
    todo = [i for i, t in enumerate(cleaned) if t]
    out: list[Analysis] = [EMPTY] * len(cleaned)
    if todo:
        for i, tokens in zip(todo, kiwi().tokenize([cleaned[i] for i in todo]), strict=True):
            out[i] = _from_tokens(tokens)
    return out


def fallback_terms(text: str) -> list[str]:
    """Whitespace words, for when analysis yields nothing (e.g. a query of symbols or one syllable)."""
    return [w.lower() for w in _WORD.findall(text or "")]


@dataclass(frozen=True)
class Query:
    """A parsed search: every `required` term must match; `optional` terms only raise the rank.

    A required term that is a compound ("보도블록") also matches when all of its `parts` do.
    """

    required: tuple[str, ...]
    optional: tuple[str, ...]
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.required or self.optional)

    @property
    def all_terms(self) -> tuple[str, ...]:
        split = [p for _, ps in self.parts for p in ps]
        return tuple(dict.fromkeys((*self.required, *split, *self.optional)))

    def alternatives(self, term: str) -> tuple[str, ...]:
        """The parts that may stand in for required `term` (empty when it is not a compound)."""
        return dict(self.parts).get(term, ())


def parse_query(text: str, *, analysis: Analysis | None = None) -> Query:
    a = analysis if analysis is not None else analyse(text)
    required = list(dict.fromkeys(_nouns_with_compounds(a)))
    in_compound = [p for _, parts in a.compounds for p in parts]
    optional = list(dict.fromkeys(s for s in a.stems if s not in required))
    if not required and not optional:
        required = list(dict.fromkeys(t for t in fallback_terms(text) if _TERM_OK.match(t)))
    for term in [*required, *in_compound, *optional]:
        for syn in QUERY_SYNONYMS.get(term, ()):
            if syn not in required and syn not in optional:
                optional.append(syn)
    if not required:
        # Only verbs ("꺼졌어요"): at least one of them must appear.
        return Query((), tuple(optional))
    return Query(tuple(required), tuple(optional), tuple(dict(a.compounds).items()))


def _nouns_with_compounds(a: Analysis) -> list[str]:
    """The nouns in text order, each run of touching nouns replaced by its joined form."""
    out: list[str] = []
    nouns, i = list(a.nouns), 0
    pending = list(a.compounds)
    while i < len(nouns):
        if pending and tuple(nouns[i : i + len(pending[0][1])]) == pending[0][1]:
            joined_form, parts = pending.pop(0)
            out.append(joined_form)
            i += len(parts)
        else:
            out.append(nouns[i])
            i += 1
    return out


def joined(terms: Iterable[str]) -> str:
    return " ".join(terms)
