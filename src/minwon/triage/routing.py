"""Department routing that learns from the desk's own final decisions.

Cold start (no model, or fewer training rows than the admin's minimum): the category's default
department. Otherwise the latest active `RoutingModel` (a pickled scikit-learn pipeline stored in
the database, so every web and worker process uses the same version) gives the top 3.
Labels are the department that *finally* handled each answered or closed 민원, mapped to its
`current()` successor, so renames and merges keep their history.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from dataclasses import dataclass

import h3
import joblib
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from minwon.complaints.choices import Status
from minwon.complaints.models import Complaint
from minwon.lib.korean.analysis import analyse, analyse_many
from minwon.org.models import Department

from . import learn
from .models import RoutingModel, RoutingSuggestion, SearchDoc, TriageSettings

log = logging.getLogger(__name__)
COARSE_RES = 6
FINAL_STATUSES = (Status.ANSWERED, Status.CLOSED)


@dataclass(frozen=True)
class Suggestion:
    department: Department
    confidence: float
    source: str


# --- the loaded model, per process -----------------------------------------------------------

_lock = threading.Lock()
_cache: dict = {"version": None, "model": None, "checked": 0.0, "row": None, "depts": {}, "min_rows": 0}


def active_model() -> tuple[RoutingModel | None, object | None]:
    """The newest active model and its unpickled pipeline; re-checks the DB every few seconds."""
    now = time.monotonic()
    if now - _cache["checked"] < settings.MINWON_TRIAGE_MODEL_CHECK_SECONDS and _cache["checked"]:
        return _cache["row"], _cache["model"]
    with _lock:
        latest = (
            RoutingModel.objects.filter(is_active=True)
            .order_by("-version")
            .only("pk", "version", "trained_at", "n_rows", "n_classes", "metrics")
            .first()
        )
        # Departments (with their successors) and the admin's minimum are read with the model, so a
        # suggestion costs one query (the 민원's search document) and no per-department lookups.
        _cache["depts"] = {d.pk: d for d in Department.objects.select_related("successor")}
        _cache["min_rows"] = TriageSettings.load().min_training_rows
        if latest is None:
            _cache.update(version=None, model=None, row=None, checked=now)
        elif latest.version != _cache["version"]:
            blob = RoutingModel.objects.filter(pk=latest.pk).values_list("blob", flat=True).get()
            _cache.update(
                version=latest.version, model=joblib.load(io.BytesIO(bytes(blob))), row=latest, checked=now
            )
        else:
            _cache["checked"] = now
    return _cache["row"], _cache["model"]


def forget_loaded_model() -> None:
    _cache.update(version=None, model=None, row=None, checked=0.0, depts={}, min_rows=0)


# --- features ----------------------------------------------------------------------------------


def coarse_cell(cell: str) -> str:
    if not cell:
        return ""
    try:
        res = h3.get_resolution(cell)
        return h3.cell_to_parent(cell, COARSE_RES) if res > COARSE_RES else cell
    except (ValueError, TypeError, h3.H3BaseException):
        return ""


def complaint_row(c: Complaint, *, doc: SearchDoc | None = None) -> dict:
    if doc is not None:
        title_terms, body_terms = doc.title_terms.split(), doc.body_terms.split()
    else:
        title_terms, body_terms = list(analyse(c.title).terms), list(analyse(c.body).terms)
    return learn.make_row(
        title_terms=title_terms,
        body_terms=body_terms,
        title=c.title,
        body=c.body,
        category=c.category.code if c.category_id else "",
        channel=c.channel,
        cell=coarse_cell(c.h3_cell),
    )


# --- suggesting --------------------------------------------------------------------------------


def _category_default(c: Complaint) -> list[Suggestion]:
    dept = c.category.routing_department()
    return [Suggestion(dept, 1.0, "category_default")] if dept else []


def suggest(c: Complaint, *, limit: int = 3) -> list[Suggestion]:
    row, model = active_model()
    if model is None or row is None or row.n_rows < _cache["min_rows"]:
        return _category_default(c)
    doc = SearchDoc.objects.filter(complaint_id=c.pk).first() if c.pk else None
    ranked = learn.top_k(model, [complaint_row(c, doc=doc)], k=max(limit + 2, 5))[0]
    depts = _cache["depts"]
    merged: dict[int, tuple[Department, float]] = {}
    for dept_id, p in ranked:
        dept = depts.get(int(dept_id)) or Department.objects.filter(pk=int(dept_id)).first()
        if dept is None:
            continue
        dept = _current(dept, depts)  # a department dissolved since training: its successor
        if not dept.is_active:
            continue
        prev = merged.get(dept.pk)
        merged[dept.pk] = (dept, p + (prev[1] if prev else 0.0))
    best = sorted(merged.values(), key=lambda x: -x[1])[:limit]
    if not best:
        return _category_default(c)
    source = f"model:{row.version}"
    return [Suggestion(d, round(p, 4), source) for d, p in best]


def _current(dept: Department, depts: dict[int, Department]) -> Department:
    seen = {dept.pk}
    while dept.successor_id is not None and dept.dissolved_at is not None:
        nxt = depts.get(dept.successor_id) or dept.successor
        if nxt is None or nxt.pk in seen:
            break
        seen.add(nxt.pk)
        dept = nxt
    return dept


def log_suggestion(c: Complaint, suggestions: list[Suggestion], *, auto_routed: bool = False):
    row = _cache["row"] if suggestions and suggestions[0].source.startswith("model:") else None
    return RoutingSuggestion.objects.create(
        complaint=c,
        model=row,
        source=suggestions[0].source if suggestions else "none",
        suggestions=[{"department_id": s.department.pk, "confidence": s.confidence} for s in suggestions],
        auto_routed=auto_routed,
    )


def suggest_for_desk(c: Complaint, *, limit: int = 3) -> list[Suggestion]:
    """Suggestions for the desk page: logged once per 민원 and model version."""
    suggestions = suggest(c, limit=limit)
    source = suggestions[0].source if suggestions else "none"
    if c.pk and not RoutingSuggestion.objects.filter(complaint=c, source=source).exists():
        log_suggestion(c, suggestions)
    return suggestions


def on_accepted(event) -> None:
    """At 접수: log the suggestion; auto-route when the admin turned it on and the model is sure."""
    c = event.complaint
    if c.department_id is not None:
        return
    try:
        suggestions = suggest(c)
    except Exception:  # a broken model must never block intake
        log.exception("routing suggestion failed for complaint %s", c.pk)
        return
    threshold = TriageSettings.load().auto_route_threshold
    top = suggestions[0] if suggestions else None
    auto = bool(
        threshold is not None and top and top.source.startswith("model:") and top.confidence >= threshold
    )
    log_suggestion(c, suggestions, auto_routed=auto)
    if auto and top:
        from minwon.complaints import services

        note = f"자동 배정: 부서 추천 모델 {top.source.split(':', 1)[1]}판, 신뢰도 {top.confidence:.0%}"
        services.assign_department(None, c, top.department, note=note)
        # The caller (accept_complaint → receive_complaint) returns this very object: keep it true.
        c.refresh_from_db(fields=["status", "department", "updated_at"])


# --- training ----------------------------------------------------------------------------------


def training_rows(*, limit: int | None = None) -> tuple[list[dict], list[str]]:
    """Final routing decisions: answered/closed 민원 with a department, newest first up to `limit`."""
    limit = limit or settings.MINWON_TRIAGE_MAX_TRAINING_ROWS
    successors: dict[int, int] = {d.pk: d.current().pk for d in Department.objects.all()}
    records = list(
        Complaint.objects.filter(status__in=FINAL_STATUSES, department__isnull=False)
        .order_by("-received_at")
        .values_list(
            "pk",
            "title",
            "body",
            "category__code",
            "channel",
            "h3_cell",
            "department_id",
            "triage_doc__title_terms",
            "triage_doc__body_terms",
        )[:limit]
    )
    # 민원 indexed before triage existed (or by a failed receiver) are analysed here in batch.
    missing = [r for r in records if r[7] is None]
    analysed = {}
    if missing:
        ts = analyse_many([r[1] for r in missing])
        bs = analyse_many([r[2] for r in missing])
        analysed = {r[0]: (t.terms, b.terms) for r, t, b in zip(missing, ts, bs, strict=True)}
    rows, labels = [], []
    for pk, title, body, cat, channel, cell, dept, tt, bt in records:
        title_terms, body_terms = analysed[pk] if tt is None else (tt.split(), (bt or "").split())
        rows.append(
            learn.make_row(
                title_terms=title_terms,
                body_terms=body_terms,
                title=title,
                body=body,
                category=cat or "",
                channel=channel,
                cell=coarse_cell(cell),
            )
        )
        labels.append(str(successors.get(dept, dept)))
    return rows, labels


def live_accuracy(*, last: int = 5000) -> dict:
    """Top-1/top-3 of model suggestions logged at 접수 against the final department (newest `last`)."""
    successors = {d.pk: d.current().pk for d in Department.objects.all()}
    final = dict(
        Complaint.objects.filter(status__in=FINAL_STATUSES, department__isnull=False)
        .order_by("-received_at")
        .values_list("pk", "department_id")[:last]
    )
    logs = RoutingSuggestion.objects.filter(complaint_id__in=list(final), source__startswith="model:")
    hits1 = hits3 = n = 0
    for complaint_id, suggestions in logs.values_list("complaint_id", "suggestions"):
        truth = successors.get(final[complaint_id], final[complaint_id])
        ranked = [successors.get(s["department_id"], s["department_id"]) for s in suggestions]
        n += 1
        hits1 += ranked[:1] == [truth]
        hits3 += truth in ranked[:3]
    return {"live_n": n, "live_top1": round(hits1 / n, 4), "live_top3": round(hits3 / n, 4)} if n else {}


def retrain(*, limit: int | None = None, min_rows: int | None = None) -> RoutingModel | None:
    """Train on the city's final routing decisions and store a new version (None if too little data)."""
    started = time.perf_counter()
    rows, labels = training_rows(limit=limit)
    min_rows = TriageSettings.load().min_training_rows if min_rows is None else min_rows
    if len(rows) < max(min_rows, 2) or len(set(labels)) < 2:
        log.info("routing retrain skipped: %s rows, %s departments", len(rows), len(set(labels)))
        return None
    # The honest score is the live one: what earlier versions suggested at 접수 against where
    # the 민원 finally went (no second fit on a hold-out, which would double the training time).
    metrics = live_accuracy()
    model = learn.fit(rows, labels)
    buf = io.BytesIO()
    joblib.dump(model, buf, compress=1)
    with transaction.atomic():
        version = (RoutingModel.objects.aggregate(v=Max("version"))["v"] or 0) + 1
        obj = RoutingModel.objects.create(
            version=version,
            trained_at=timezone.now(),
            n_rows=len(rows),
            n_classes=len(set(labels)),
            metrics={**metrics, "bytes": buf.tell()},
            seconds=round(time.perf_counter() - started, 2),
            blob=buf.getvalue(),
        )
        # Keep the three newest blobs; older versions stay as rows for the suggestion log.
        old = RoutingModel.objects.filter(version__lt=version - 2).exclude(blob=b"")
        old.update(blob=b"", is_active=False)
    forget_loaded_model()
    return obj
