"""Normalised Korean morphemes for search, similarity and routing features.

One `Kiwi()` per process, created lazily on first use under a lock (it costs ~0.5 GB and 2–4 s);
with gunicorn `--preload` the forked workers share it. Batch analysis (`analyse_many`) uses Kiwi's
own worker threads and is what bulk indexing should call.

What is kept: nouns (일반·고유), roots (XR), foreign words and numbers, and the stems of verbs
and adjectives ("꺼졌" → "꺼지"). Particles, endings, suffixes, symbols and a few content-free
stems (하·있·되 …) are dropped. Nouns are the *required* terms of a search; verb and adjective
stems only add to the ranking (so "가로등이 꺼졌" still finds "가로등 고장").
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NOUN_TAGS = frozenset({"NNG", "NNP", "XR", "SL", "SH"})
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

    @property
    def text(self) -> str:
        return " ".join(self.terms)


EMPTY = Analysis((), (), ())


def _from_tokens(tokens) -> Analysis:
    nouns: list[str] = []
    stems: list[str] = []
    terms: list[str] = []
    for tok in tokens:
        tag = tok.tag.split("-", 1)[0]
        form = tok.form.lower()
        if tag in NOUN_TAGS or tag in NUMBER_TAGS:
            bucket = nouns if tag in NOUN_TAGS else None
        elif tag in STEM_TAGS:
            bucket = stems
        else:
            continue
        if form in STOP_TERMS or not _TERM_OK.match(form):
            continue
        if tag in NUMBER_TAGS and len(form) < 2:
            continue
        if bucket is not None:
            bucket.append(form)
        terms.append(form)
    return Analysis(tuple(nouns), tuple(stems), tuple(terms))


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
    """A parsed search: every `required` term must match; `optional` terms only raise the rank."""

    required: tuple[str, ...]
    optional: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.required or self.optional)

    @property
    def all_terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.required, *self.optional)))


def parse_query(text: str, *, analysis: Analysis | None = None) -> Query:
    a = analysis if analysis is not None else analyse(text)
    required = list(dict.fromkeys(a.nouns))
    optional = list(dict.fromkeys(s for s in a.stems if s not in required))
    if not required and not optional:
        required = list(dict.fromkeys(t for t in fallback_terms(text) if _TERM_OK.match(t)))
    for term in [*required, *optional]:
        for syn in QUERY_SYNONYMS.get(term, ()):
            if syn not in required and syn not in optional:
                optional.append(syn)
    if not required:
        # Only verbs ("꺼졌어요"): at least one of them must appear.
        return Query((), tuple(optional))
    return Query(tuple(required), tuple(optional))


def joined(terms: Iterable[str]) -> str:
    return " ".join(terms)
