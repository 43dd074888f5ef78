"""Similar open 민원 (before filing and at the desk), 반복민원 evidence and 다수인 candidates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import h3
from django.conf import settings
from django.db import connection
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from minwon.complaints.choices import OPEN_STATUSES, EventVerb, Visibility
from minwon.complaints.models import Complaint, ComplaintEvent
from minwon.lib.korean.analysis import analyse, parse_query
from minwon.lib.korean.similarity import Candidate, cosine, rank_candidates, term_vector

from . import rules
from .models import SearchDoc, TriageSettings
from .search import _SAFE, TSQUERY, candidate_ids

# Words every 민원 uses: they count a little, not like the words that say what is wrong.
GENRE_WEIGHTS = {
    t: 0.3
    for t in ("민원", "요청", "신고", "문의", "부탁", "관련", "건의", "드리", "바라", "개선", "조치", "확인")
}
MAX_CANDIDATES = 600


@dataclass(frozen=True)
class Found:
    complaint: Complaint
    score: float
    text_similarity: float
    distance_m: float | None


def _vector(title: str, body: str):
    t, b = analyse(title), analyse(body)
    return term_vector(t.terms, b.terms), t


def _doc_vector(title_terms: str | None, body_terms: str | None):
    return term_vector((title_terms or "").split(), (body_terms or "").split())


def _content_terms(vector) -> set[str]:
    """The query's terms that say what is wrong; all of them when it has only genre words."""
    return {t for t in vector if t not in GENRE_WEIGHTS} or set(vector)


def _shares(content: set[str], title_terms: str | None, body_terms: str | None) -> bool:
    # Sharing only "민원 요청 부탁" is not similarity: a candidate needs one content word.
    return not (
        content.isdisjoint((title_terms or "").split()) and content.isdisjoint((body_terms or "").split())
    )


def _rows(docs: QuerySet, *, dated: bool = False, newest: int | None = None) -> list:
    """(pk, lat, lng, category_id, title_terms, body_terms[, received_at]) of each document,
    or of the `newest` ones, newest first."""
    fields = ["complaint_id", "complaint__lat", "complaint__lng", "complaint__category_id"]
    fields += ["title_terms", "body_terms", *(["received_at"] if dated else [])]
    rows = docs.values_list(*fields)
    return list(rows.order_by("-received_at")[:newest] if newest else rows)


def _near_open_pg(cells: list[str], since, content: set[str], *, public_only: bool, exclude_pk) -> list:
    """PostgreSQL: the open 민원 of `cells` since `since` sharing a content word, newest first.

    One cell at a time (LATERAL; `OFFSET 0` keeps the planner from flattening it): for a single
    cell the planner always takes the open-cell index. Given all cells at once it preferred to
    walk every open 민원 by date (it takes "open" and "recent" as independent and so expects a
    tenth of them) or to AND with the whole text index: 40–45 ms at 1M 민원 where this takes 9.
    """
    terms = [t for t in content if _SAFE.match(t)]
    # The text index drops candidates with no content word in common before rows leave the
    # database (the same rule as `_shares`): most open 민원 around a place are about something else.
    shares = "AND d.vector @@ to_tsquery('simple', %s)" if terms and len(terms) == len(content) else ""
    params: list = [cells, since, *([TSQUERY.any(terms)] if shares else [])]
    where = ["c.duplicate_of_id IS NULL", "c.status = ANY(%s)"]
    params.append([str(st) for st in OPEN_STATUSES])
    if public_only:
        where.append("c.visibility = %s")
        params.append(str(Visibility.PUBLIC))
    if exclude_pk:
        where.append("c.id <> %s")
        params.append(exclude_pk)
    params.append(MAX_CANDIDATES)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT d.complaint_id, c.lat, c.lng, c.category_id, d.title_terms, d.body_terms "  # noqa: S608 (%s only)
            "FROM unnest(%s::text[]) AS cell(h3) CROSS JOIN LATERAL ("
            "SELECT d.complaint_id, d.title_terms, d.body_terms, d.received_at FROM triage_searchdoc d "
            f"WHERE d.is_open AND d.h3_cell = cell.h3 AND d.received_at >= %s {shares} OFFSET 0) d "
            "JOIN complaints_complaint c ON c.id = d.complaint_id "
            f"WHERE {' AND '.join(where)} ORDER BY d.received_at DESC LIMIT %s",
            params,
        )
        return cur.fetchall()


def cells_within(lat: float, lng: float, radius_m: float) -> list[str]:
    res = settings.MINWON_H3_RESOLUTION
    centre = h3.latlng_to_cell(lat, lng, res)
    spacing = h3.average_hexagon_edge_length(res, unit="m") * 1.5  # centre-to-centre, conservatively
    k = max(1, int(radius_m // spacing) + 1)
    return list(h3.grid_disk(centre, k))


def similar_open(
    *,
    title: str,
    body: str = "",
    category=None,
    lat: float | None = None,
    lng: float | None = None,
    limit: int = 5,
    public_only: bool = True,
    exclude_pk: int | None = None,
    now=None,
) -> list[Found]:
    """Open 민원 within the admin's radius and time window whose text is similar, best first.

    With a place: every open 민원 in the h3 cells around it that shares a content word is
    compared. Without one: the full-text index proposes the best-ranked 민원 sharing every noun,
    else any two, else any one (`search.candidate_ids`).
    """
    cfg = TriageSettings.load()
    vector, _title_analysis = _vector(title, body)
    if not vector:
        return []
    since = (now or timezone.now()) - timedelta(days=cfg.similar_window_days)
    # From the search documents: open flag, date, cell and text sit in one table with indexes of
    # their own (0003–0005), and only the rows that survive are joined to their 민원.
    docs = SearchDoc.objects.filter(complaint__status__in=OPEN_STATUSES, complaint__duplicate_of__isnull=True)
    if public_only:
        docs = docs.filter(complaint__visibility=Visibility.PUBLIC)
    if exclude_pk:
        docs = docs.exclude(complaint_id=exclude_pk)
    has_place = lat is not None and lng is not None
    content = _content_terms(vector)
    rows: list
    if has_place:
        cells = cells_within(lat, lng, cfg.similar_radius_m)  # type: ignore[arg-type]
        if connection.vendor == "postgresql":
            rows = _near_open_pg(cells, since, content, public_only=public_only, exclude_pk=exclude_pk)
        else:
            docs = docs.filter(is_open=True, received_at__gte=since, h3_cell__in=cells)
            rows = _rows(docs, newest=MAX_CANDIDATES)  # `_shares` below drops the unrelated
    else:
        # Open and recent already (candidate_ids). Sorted here: asked to sort them, PostgreSQL
        # walked the date index instead of fetching 300 rows by key (29 ms instead of 0.1).
        ids = candidate_ids(parse_query(f"{title} {body}"), limit=300, since=since)
        rows = sorted(_rows(docs.filter(complaint_id__in=ids), dated=True), key=lambda r: r[-1], reverse=True)
    cat_id = getattr(category, "pk", None)
    # Rows come newest first: their position is the recency tie-break, no timestamps parsed.
    candidates = [
        Candidate(
            pk, _doc_vector(tt, bt), la, ln, same_category=cat_id is not None and cid == cat_id, recency=-i
        )
        for i, (pk, la, ln, cid, tt, bt, *_) in enumerate(rows)
        if _shares(content, tt, bt)
    ]
    ranked = rank_candidates(
        vector,
        candidates,
        lat=lat,
        lng=lng,
        radius_m=cfg.similar_radius_m if has_place else None,
        min_text_similarity=cfg.similar_min_score,
        idf=GENRE_WEIGHTS,
        limit=limit,
    )
    objs = Complaint.objects.select_related("category", "department").in_bulk([r.key for r in ranked])
    return [Found(objs[r.key], r.score, r.text_similarity, r.distance_m) for r in ranked if r.key in objs]


def similar_to_complaint(c: Complaint, *, limit: int = 10, public_only: bool = False) -> list[Found]:
    return similar_open(
        title=c.title,
        body=c.body,
        category=c.category,
        lat=c.lat,
        lng=c.lng,
        limit=limit,
        public_only=public_only,
        exclude_pk=c.pk,
    )


# --- 반복민원 (법 제23조) ----------------------------------------------------------------------


def same_applicant(c: Complaint):
    """Complaints of the same applicant: same account, phone or e-mail."""
    cond = Q()
    if c.applicant_id:
        cond |= Q(applicant_id=c.applicant_id)
    if c.applicant_phone:
        cond |= Q(applicant_phone=c.applicant_phone)
    if c.applicant_email:
        cond |= Q(applicant_email__iexact=c.applicant_email)
    if not cond:
        return Complaint.objects.none()
    return Complaint.objects.filter(cond).exclude(pk=c.pk)


def prior_filings(c: Complaint, *, min_similarity: float | None = None) -> list[rules.PriorFiling]:
    """Earlier 민원 of the same applicant with the same content, and whether each result was notified."""
    threshold = TriageSettings.load().repeat_min_similarity if min_similarity is None else min_similarity
    doc = SearchDoc.objects.filter(complaint_id=c.pk).first()
    mine = _doc_vector(doc.title_terms, doc.body_terms) if doc else _vector(c.title, c.body)[0]
    rows = list(
        same_applicant(c)
        .filter(received_at__lt=c.received_at)
        .values_list("pk", "tracking_no", "received_at", "triage_doc__title_terms", "triage_doc__body_terms")
    )
    sims = {}
    for pk, _no, _at, tt, bt in rows:
        sim = cosine(mine, _doc_vector(tt, bt), GENRE_WEIGHTS)
        if sim >= threshold:
            sims[pk] = sim
    notified = dict(
        ComplaintEvent.objects.filter(
            complaint_id__in=list(sims), verb__in=(EventVerb.ANSWERED, EventVerb.CLOSED)
        )
        .values("complaint_id")
        .annotate(first=Min("at"))
        .values_list("complaint_id", "first")
    )
    return [
        rules.PriorFiling(pk, no, at, round(sims[pk], 3), pk in notified, notified.get(pk))
        for pk, no, at, _tt, _bt in rows
        if pk in sims
    ]


def repeated_assessment(c: Complaint) -> rules.RepeatedAssessment:
    return rules.repeated_complaint_assessment(kind=c.kind, received_at=c.received_at, prior=prior_filings(c))


# --- 다수인관련민원 ---------------------------------------------------------------------------


def applicant_identity(c: Complaint) -> str:
    if c.applicant_id:
        return f"user:{c.applicant_id}"
    if c.applicant_phone:
        return f"phone:{c.applicant_phone}"
    if c.applicant_email:
        return f"email:{c.applicant_email.lower()}"
    return f"complaint:{c.pk}"


def group_candidates(c: Complaint, *, min_similarity: float = 0.6, limit: int = 200) -> list[Found]:
    """Open 민원 of the same content (anywhere in the city) from other applicants."""
    cfg = TriageSettings.load()
    vector, _ = _vector(c.title, c.body)
    since = c.received_at - timedelta(days=cfg.similar_window_days)
    ids = candidate_ids(parse_query(f"{c.title} {c.body}"), limit=1000, since=since)
    rows = list(
        Complaint.objects.filter(pk__in=ids, status__in=OPEN_STATUSES, received_at__gte=since, group_key="")
        .exclude(pk=c.pk)
        .values_list("pk", "triage_doc__title_terms", "triage_doc__body_terms", "received_at")
    )
    ranked = rank_candidates(
        vector,
        [Candidate(pk, _doc_vector(tt, bt), at=at) for pk, tt, bt, at in rows],
        min_text_similarity=min_similarity,
        idf=GENRE_WEIGHTS,
        limit=limit,
    )
    objs = Complaint.objects.in_bulk([r.key for r in ranked])
    return [Found(objs[r.key], r.score, r.text_similarity, None) for r in ranked if r.key in objs]
