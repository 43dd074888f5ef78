"""Korean search over the knowledge base: kiwipiepy morphemes, ranked by overlap.

A city has hundreds of articles, not millions, so ranking every active article's stored
morphemes in Python is cheaper than an FTS index and needs no per-database SQL. Terms come from
`minwon.lib.korean` (the same analysis triage indexes 민원 with), so "여권 재발급" finds "여권을
다시 발급받으려면". Title and tag matches weigh more than body matches; nouns (the required terms
of a triage query) weigh more than verb stems and synonyms.
"""

from __future__ import annotations

from dataclasses import dataclass

from minwon.lib.korean.analysis import analyse, analyse_many, fallback_terms, parse_query

from .models import Article

TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
REQUIRED_BONUS = 2.0


def terms_for(title: str, tags: str, body: str) -> tuple[str, str]:
    """(title+tag terms, body terms) as stored on the article.

    The whitespace words are stored too: Kiwi splits a lone query word it has no context for
    ("포트홀" → 포트 + 홀) but keeps it whole in a sentence, so the raw word is the bridge.
    """
    head_text = f"{title}\n{tags.replace(',', ' ')}"
    head, text = analyse_many([head_text, body])
    head_terms = dict.fromkeys([*head.terms, *fallback_terms(head_text)])
    return " ".join(head_terms), " ".join([*text.terms, *fallback_terms(body)])


@dataclass(frozen=True)
class Hit:
    article: Article
    score: float


def _score(article: Article, required: tuple[str, ...], optional: tuple[str, ...]) -> float:
    head = set(article.title_terms.split())
    body = article.body_terms.split()
    counts: dict[str, int] = {}
    for t in body:
        counts[t] = counts.get(t, 0) + 1
    score = 0.0
    for group, bonus in ((required, REQUIRED_BONUS), (optional, 1.0)):
        for term in group:
            s = (TITLE_WEIGHT if term in head else 0.0) + BODY_WEIGHT * min(counts.get(term, 0), 3)
            score += s * bonus
    return score


def search_articles(query: str, *, section: str = "", limit: int = 10) -> list[Hit]:
    """Active articles matching `query`, best first. An empty query returns nothing."""
    query = (query or "").strip()
    if not query:
        return []
    q = parse_query(query, analysis=analyse(query))
    words = tuple(w for w in fallback_terms(query) if w not in q.all_terms)
    if not q and not words:
        return []
    rows = Article.objects.active().select_related("department")
    if section:
        rows = rows.filter(section=section)
    hits = [Hit(a, _score(a, q.required, (*q.optional, *words))) for a in rows]
    hits = [h for h in hits if h.score > 0]
    hits.sort(key=lambda h: (-h.score, h.article.title))
    return hits[:limit]
