"""Korean full-text search over 민원 in the database's own engine.

Indexing: `index_complaint` (one 민원, called inside the writing transaction by the event
receiver) and `reindex` (bulk, batch analysis). Searching: `search_complaints(queryset, query)`.

SQLite: an external-content FTS5 table `triage_fts` (rowid = complaint id) maintained by triggers
on `triage_searchdoc`, joined into the query; rank = bm25 with the title weighted ×2.
PostgreSQL: a stored generated column `triage_searchdoc.vector` (`simple` configuration, title
weight A, body weight B) with a GIN index; rank = ts_rank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from minwon.complaints.choices import OPEN_STATUSES
from minwon.lib.korean.analysis import Query, analyse, analyse_many, parse_query

from .models import SearchDoc

_SAFE = re.compile(r"^[0-9a-z가-힣ㄱ-ㅎㅏ-ㅣ]+$")


def _is_open(status: str) -> bool:
    return status in OPEN_STATUSES


# What a (re)index writes; everything but the key.
_DOC_FIELDS = ("title_terms", "body_terms", "indexed_at", "is_open", "received_at", "h3_cell")


def index_complaint(complaint) -> SearchDoc:
    """Write the search document of one 민원 (text, open flag, date and h3 cell).

    One INSERT … ON CONFLICT DO UPDATE: intake runs this inside its transaction, and
    `update_or_create` spent a SELECT … FOR UPDATE and a savepoint on a row that never exists yet.
    """
    title, body = analyse(complaint.title), analyse(complaint.body)
    doc = SearchDoc(
        complaint_id=complaint.pk,
        title_terms=title.text,
        body_terms=body.text,
        indexed_at=timezone.now(),
        is_open=_is_open(complaint.status),
        received_at=complaint.received_at,
        h3_cell=complaint.h3_cell or "",
    )
    SearchDoc.objects.bulk_create(
        [doc], update_conflicts=True, unique_fields=["complaint"], update_fields=list(_DOC_FIELDS)
    )
    return doc


def track_location(complaint_id: int, h3_cell: str) -> None:
    """Keep SearchDoc.h3_cell in step when a 민원's place changes (one UPDATE, a no-op if equal)."""
    SearchDoc.objects.filter(complaint_id=complaint_id).exclude(h3_cell=h3_cell or "").update(
        h3_cell=h3_cell or ""
    )


def track_open(complaint_id: int, status_before: str, status_after: str) -> None:
    """Keep SearchDoc.is_open in step when a 민원 opens or closes (one UPDATE, only on a change)."""
    now_open = _is_open(status_after)
    if status_before == status_after or (status_before and _is_open(status_before) == now_open):
        return
    SearchDoc.objects.filter(complaint_id=complaint_id).exclude(is_open=now_open).update(is_open=now_open)


def reindex(queryset: QuerySet | None = None, *, batch: int = 2000, progress=None) -> int:
    """(Re)index many 민원 with batch analysis; returns how many were written."""
    from minwon.complaints.models import Complaint

    qs = (queryset if queryset is not None else Complaint.objects.all()).order_by("pk")
    done = 0
    last = 0
    while True:
        chunk = list(
            qs.filter(pk__gt=last).values_list("pk", "title", "body", "status", "received_at", "h3_cell")[
                :batch
            ]
        )
        if not chunk:
            return done
        titles = analyse_many([row[1] for row in chunk])
        bodies = analyse_many([row[2] for row in chunk])
        now = timezone.now()
        docs = [
            SearchDoc(
                complaint_id=pk,
                title_terms=t.text,
                body_terms=b.text,
                indexed_at=now,
                is_open=_is_open(st),
                received_at=at,
                h3_cell=cell or "",
            )
            for (pk, _, _, st, at, cell), t, b in zip(chunk, titles, bodies, strict=True)
        ]
        SearchDoc.objects.bulk_create(
            docs,
            update_conflicts=True,
            unique_fields=["complaint"],
            update_fields=list(_DOC_FIELDS),
        )
        done += len(docs)
        last = chunk[-1][0]
        if progress:
            progress(done)


def _terms(terms: Iterable[str]) -> list[str]:
    # Morphemes are letters and digits only; anything else never reaches the query language.
    return [t for t in terms if _SAFE.match(t)]


@dataclass(frozen=True)
class _Syntax:
    """How one engine's query language quotes a term and joins terms."""

    quote: str
    and_op: str
    or_op: str

    def term(self, t: str) -> str:
        return f"{self.quote}{t}{self.quote}"

    def any(self, terms: list[str]) -> str:
        return f" {self.or_op} ".join(self.term(t) for t in terms)

    def all(self, q: Query, terms: list[str]) -> str:
        """Every term must match; a compound ("보도블록") also matches as all of its parts."""
        return f" {self.and_op} ".join(self._group(q, t) for t in terms)

    def either(self, q: Query, terms: list[str]) -> str:
        """Any one of `terms`, a compound counting as itself or all of its parts."""
        return f" {self.or_op} ".join(self._group(q, t) for t in terms)

    def pairs(self, q: Query, terms: list[str]) -> str:
        """Any two of `terms` together: "shares at least two nouns", far more selective than any one."""
        return f" {self.or_op} ".join(
            f"({self._group(q, a)} {self.and_op} {self._group(q, b)})" for a, b in combinations(terms, 2)
        )

    def _group(self, q: Query, term: str) -> str:
        parts = _terms(q.alternatives(term))
        if not parts:
            return self.term(term)
        split = f" {self.and_op} ".join(self.term(p) for p in parts)
        return f"({self.term(term)} {self.or_op} ({split}))"


TSQUERY = _Syntax("'", "&", "|")
FTS5 = _Syntax('"', "AND", "OR")


def fts5_expression(q: Query) -> str:
    req, every = _terms(q.required), _terms(q.all_terms)
    everything = FTS5.any(every)
    if not req:
        return everything
    must = FTS5.all(q, req)
    return f"({must}) AND ({everything})" if len(every) > len(req) else must


def tsquery_expressions(q: Query) -> tuple[str, str]:
    """(match, rank) tsquery strings: every required term must match; all terms rank."""
    req = _terms(q.required)
    rank = TSQUERY.any(_terms(q.all_terms))
    match = TSQUERY.all(q, req) if req else rank
    return match, rank


def has_search_rank(queryset: QuerySet) -> bool:
    """Whether `queryset` came from `search_complaints` (and so may be ordered by relevance)."""
    return "search_rank" in queryset.query.annotations or "search_rank" in queryset.query.extra_select


def search_complaints(queryset: QuerySet, query: str) -> QuerySet:
    """`queryset` narrowed to 민원 matching `query`, annotated `search_rank`, best first, then newest.

    "불법주차" finds "불법 주차했어요" (both analyse to 불법 + 주차); "가로등이 꺼졌" finds
    "가로등 고장" (nouns must match, verb stems and synonyms only rank). An empty or unanalysable
    query returns no rows. This ranks every match: a word found in a tenth of a million 민원
    costs PostgreSQL a rank for each of them (see `search_page` for the bounded form).
    """
    return _search(queryset, query, ranked=True)


def _search(queryset: QuerySet, query: str, *, ranked: bool) -> QuerySet:
    q = parse_query(query)
    if not q or not _terms(q.all_terms):
        return queryset.none()
    table = queryset.model._meta.db_table
    pk = f'"{table}"."{queryset.model._meta.pk.column}"'
    if connection.vendor == "postgresql":
        match, rank = tsquery_expressions(q)
        qs = queryset if queryset.model is SearchDoc else queryset.filter(triage_doc__isnull=False)
        qs = qs.alias(
            _fts_match=RawSQL(
                '"triage_searchdoc"."vector" @@ to_tsquery(\'simple\', %s)', (match,), BooleanField()
            )
        ).filter(_fts_match=True)
        if not ranked:
            return qs
        qs = qs.annotate(
            search_rank=RawSQL(
                'ts_rank("triage_searchdoc"."vector", to_tsquery(\'simple\', %s))', (rank,), FloatField()
            )
        )
    else:
        # FTS5 in the FROM clause, joined on rowid: SQLite then runs the MATCH once and bm25 per
        # match. A `pk IN (MATCH)` filter with a correlated bm25 subquery re-ran the MATCH for
        # every row (7 s for a word in 14,000 of 100,000 민원; 27 ms this way). Only `extra`
        # puts a table Django has no model for into the FROM clause; the query is a parameter.
        qs = queryset.extra(  # noqa: S610
            tables=["triage_fts"],
            where=[f"triage_fts.rowid = {pk}", "triage_fts MATCH %s"],
            params=[fts5_expression(q)],
            select={"search_rank": "-bm25(triage_fts, 2.0, 1.0)"} if ranked else None,
        )
        if not ranked:
            return qs
    return qs.order_by("-search_rank", "-received_at", "-pk")


# The search page ranks the newest RANK_WINDOW matches (more for a deeper page) unless asked for
# every period: ranking all matches of a common word read and ranked each of them (up to 1.6 s
# at 1M 민원), while the newest matches come straight from the date index. Measured cost in
# relevance: docs/triage.md.
RANK_WINDOW = 500


@dataclass(frozen=True)
class SearchPage:
    rows: list
    # How many newest matches were ranked, or None when every match was (the caller asked, or
    # there were no more than the window held).
    window: int | None


def search_page(
    queryset: QuerySet, query: str, *, limit: int = 50, offset: int = 0, everything: bool = False
) -> SearchPage:
    """One page of `search_complaints`, ranking only the newest matches unless `everything`.

    The window is the newest max(RANK_WINDOW, 2 × (offset + limit)) matches within `queryset`
    (so the caller's access filter applies before the window), widening with the page asked for;
    when fewer match, the page is exactly `search_complaints`'s.
    """
    if everything:
        return SearchPage(list(search_complaints(queryset, query)[offset : offset + limit]), None)
    window = max(RANK_WINDOW, 2 * (offset + limit))
    # Over every 민원 (the desk, auditors) the newest matches come from the search documents
    # alone (their own date and date index, migration 0005): joining each match to its 민원 first
    # cost 180 of 290 ms for a word in 41,000 of 1M 민원.
    unfiltered = not queryset.query.where
    newest = _search(SearchDoc.objects.all() if unfiltered else queryset, query, ranked=False)
    if newest.query.is_empty():
        return SearchPage([], None)
    ids = list(newest.order_by("-received_at").values_list("pk", flat=True)[:window])
    ranked = search_complaints(queryset.filter(pk__in=ids), query)
    return SearchPage(list(ranked[offset : offset + limit]), window if len(ids) == window else None)


# How many of the newest matching open 민원 the similar-민원 lookup ranks on PostgreSQL.
RECENT_CAP = 1000
# Nouns paired in the "any two nouns" attempt (8 nouns make 28 pairs).
MAX_PAIRED_NOUNS = 8


def _attempts(query: Query, req: list[str], terms: list[str]) -> list[tuple[str, str]]:
    """(tsquery, FTS5) pairs, strictest first: every noun, any two nouns, any one noun.

    A long title rarely shares every noun with another 민원, and "any term" then matched a
    quarter of the open 민원 through words like 문제, 필요 or a one-syllable 사 (0.17–0.2 s at 1M,
    reading every match to sort it by date). Two shared nouns is what a similar 민원 has anyway,
    and the index answers it in milliseconds. The last attempt keeps a compound whole and
    leaves out one-syllable nouns when there are longer ones; verb stems alone match only
    when the text has no noun at all.
    """
    if not req:
        return [(TSQUERY.any(terms), FTS5.any(terms))]
    out = [(TSQUERY.all(query, req), FTS5.all(query, req))]
    if len(req) >= 3:
        paired = req[:MAX_PAIRED_NOUNS]
        out.append((TSQUERY.pairs(query, paired), FTS5.pairs(query, paired)))
    single = [t for t in req if len(t) > 1] or req
    out.append((TSQUERY.either(query, single), FTS5.either(query, single)))
    return out


def candidate_ids(query: Query, *, limit: int = 200, since=None) -> list[int]:
    """Ids of the best-ranked open 민원 for `query` received since `since`, for similarity checks.

    The strictest attempt that finds anything wins (cheap, precise).
    """
    req = _terms(query.required)
    terms = _terms(query.all_terms)
    if not terms:
        return []
    for pg_expr, fts_expr in _attempts(query, req, terms):
        ids = _open_matches(pg_expr, fts_expr, limit=limit, since=since)
        if ids:
            return ids
    return []


def _open_matches(pg_expr: str, fts_expr: str, *, limit: int, since) -> list[int]:
    since_params = [since] if since is not None else []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # Open 민원 only (the partial text index of migration 0003), and no join. Rank only
            # the newest RECENT_CAP matches: a query of common words matches most open 민원, and
            # ranking them all read thousands of heap pages (0.5 s at 1M 민원); for those the
            # planner walks the date index (0005) backwards and stops early, for rare words it
            # takes the text index. The date bound is applied outside: rows come newest first,
            # so it only cuts the tail, while inside it made the planner, which takes "open" and
            # "recent" as independent, expect a walk by date to be short (80 ms for rare words).
            pg_since = "WHERE r.received_at >= %s" if since is not None else ""
            cur.execute(
                "SELECT r.complaint_id FROM (SELECT d.complaint_id, d.vector, d.received_at "  # noqa: S608 (%s only)
                "FROM triage_searchdoc d WHERE d.is_open "
                "AND d.vector @@ to_tsquery('simple', %s) "
                f"ORDER BY d.received_at DESC LIMIT %s) r {pg_since} "
                "ORDER BY ts_rank(r.vector, to_tsquery('simple', %s)) DESC LIMIT %s",
                [pg_expr, RECENT_CAP, *since_params, pg_expr, limit],
            )
        else:
            statuses = [str(s) for s in OPEN_STATUSES]
            marks = ", ".join(["%s"] * len(statuses))
            since_sql = "AND c.received_at >= %s" if since is not None else ""
            cur.execute(
                "SELECT f.rowid FROM triage_fts f "  # noqa: S608 (only %s markers)
                "JOIN complaints_complaint c ON c.id = f.rowid "
                f"WHERE triage_fts MATCH %s AND c.status IN ({marks}) {since_sql} "
                "ORDER BY f.rank LIMIT %s",
                [fts_expr, *statuses, *since_params, limit],
            )
        return [r[0] for r in cur.fetchall()]
