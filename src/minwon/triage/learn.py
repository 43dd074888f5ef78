"""The routing model and its prequential evaluation, in pure Python (no Django, no database).

A linear classifier (SGD, logistic loss, so it gives probabilities) over a union of:
- TF-IDF of normalised morphemes (title terms doubled),
- TF-IDF of character n-grams (char_wb, CHAR_NGRAMS) of the raw title, which catch spacing variants,
  typos and words Kiwi splits differently,
- one-hot category, channel and a coarse location cell (h3 resolution 6, ~36 km²).

Rows are plain dicts with keys `terms`, `text`, `category`, `channel`, `cell`, so the same code
serves `minwon triage retrain` (rows from the database) and `minwon triage evaluate` (a CSV).
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

# Character n-grams see the title only (they cost most of the training time); morphemes see the body.
BODY_CHARS = 0
META_KEYS = ("category", "channel", "cell")
# char_wb 2–4 costs ~1.6× the time of 2–3 (sklearn's analyser is pure Python) for little gain on
# short titles; 2–3 keeps a 100k retrain well under a minute on 2 cores (docs/benchmarks.md).
CHAR_NGRAMS = (2, 3)


def _terms(rows):
    return [r["terms"] for r in rows]


def _text(rows):
    return [r["text"] for r in rows]


def _meta(rows):
    return [{k: str(r.get(k) or "") for k in META_KEYS if r.get(k)} for r in rows]


def _split(s: str) -> list[str]:
    return s.split()


def make_row(
    *,
    title_terms: Sequence[str],
    body_terms: Sequence[str],
    title: str,
    body: str,
    category: str = "",
    channel: str = "",
    cell: str = "",
) -> dict:
    return {
        "terms": " ".join([*title_terms, *title_terms, *body_terms]),
        "text": f"{title} {body[:BODY_CHARS]}" if BODY_CHARS else title,
        "category": category,
        "channel": channel,
        "cell": cell,
    }


def build_pipeline(*, n_rows: int = 0):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    min_df = 2 if n_rows >= 1000 else 1
    features = FeatureUnion(
        [
            (
                "morphemes",
                Pipeline(
                    [
                        ("pick", FunctionTransformer(_terms)),
                        (
                            "tfidf",
                            TfidfVectorizer(
                                analyzer=_split,
                                sublinear_tf=True,
                                min_df=min_df,
                                max_features=50_000,
                                dtype=np.float32,
                            ),
                        ),
                    ]
                ),
            ),
            (
                "chars",
                Pipeline(
                    [
                        ("pick", FunctionTransformer(_text)),
                        (
                            "tfidf",
                            TfidfVectorizer(
                                analyzer="char_wb",
                                ngram_range=CHAR_NGRAMS,
                                sublinear_tf=True,
                                min_df=min_df,
                                max_features=50_000,
                                dtype=np.float32,
                            ),
                        ),
                    ]
                ),
            ),
            (
                "meta",
                Pipeline(
                    [("pick", FunctionTransformer(_meta)), ("onehot", DictVectorizer(dtype=np.float32))]
                ),
            ),
        ]
    )
    clf = SGDClassifier(
        loss="log_loss",
        alpha=2e-6 if n_rows > 20_000 else 1e-5,
        max_iter=5 if n_rows > 20_000 else 15,
        tol=None,
        random_state=7,
        # Single-threaded: one-vs-rest over 2 threads measured slower (the per-sample loop is short).
    )
    return Pipeline([("features", features), ("clf", clf)])


def fit(rows: Sequence[dict], labels: Sequence[str]):
    labels = [str(x) for x in labels]
    pipe = build_pipeline(n_rows=len(rows))
    if len(set(labels)) < 2:
        return _Constant(labels[0])
    pipe.fit(list(rows), labels)
    clf = pipe.named_steps["clf"]
    # float32 weights halve the stored model and change no ranking; Fortran order makes coef_.T
    # C-contiguous, so a single-row prediction multiplies in place instead of copying the matrix.
    clf.coef_ = np.asfortranarray(clf.coef_, dtype=np.float32)
    clf.intercept_ = clf.intercept_.astype(np.float32)
    return pipe


class _Constant:
    """A model for a history with a single department: always that one."""

    def __init__(self, label: str):
        self.classes_ = np.array([label])

    def predict_proba(self, rows):
        return np.ones((len(rows), 1))


def top_k(model, rows: Sequence[dict], k: int = 3) -> list[list[tuple[str, float]]]:
    proba = model.predict_proba(list(rows))
    classes = model.classes_
    out = []
    for p in proba:
        idx = np.argsort(-p)[:k]
        out.append([(str(classes[i]), float(p[i])) for i in idx])
    return out


# --- prequential evaluation -----------------------------------------------------------------


@dataclass
class EvalRow:
    at: datetime
    title: str
    body: str
    label: str


def parse_date(value: str) -> datetime:
    value = (value or "").strip()
    if len(value) == 10:
        return datetime.strptime(value, "%Y-%m-%d")  # noqa: DTZ007 (ordering only; no zone needed)
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return dt.replace(tzinfo=None) if dt.tzinfo else dt


def read_csv(stream: Iterable[str] | io.TextIOBase) -> list[EvalRow]:
    reader = csv.DictReader(stream)
    missing = {"received_at", "title", "department"} - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"CSV lacks column(s): {', '.join(sorted(missing))}")
    rows = []
    for rec in reader:
        if not (rec.get("department") or "").strip():
            continue
        rows.append(
            EvalRow(
                parse_date(rec["received_at"]),
                rec.get("title") or "",
                rec.get("body") or "",
                rec["department"].strip(),
            )
        )
    rows.sort(key=lambda r: r.at)  # stable: same-day rows keep file order
    return rows


def prequential(rows: Sequence[EvalRow], *, refit_every: int = 1000, analyser=None) -> dict:
    """Test-then-train in date order: each row is predicted by a model trained only on earlier
    rows (refitted every `refit_every` rows), then joins the training data.

    Rows before the first fit are not scored (there is no model yet); `n` counts scored rows.
    `ms_per_prediction` is the mean wall time of a single-row prediction (features + classifier)
    plus the per-text share of the batch morpheme analysis.
    """
    from minwon.lib.korean.analysis import analyse_many

    analyser = analyser or analyse_many
    t0 = time.perf_counter()
    titles = analyser([r.title for r in rows])
    bodies = analyser([r.body for r in rows])
    analysis_ms = (time.perf_counter() - t0) * 1000 / max(len(rows), 1)
    feats = [
        make_row(title_terms=t.terms, body_terms=b.terms, title=r.title, body=r.body)
        for r, t, b in zip(rows, titles, bodies, strict=True)
    ]
    refit_every = max(1, refit_every)
    model = None
    hits1 = hits3 = scored = 0
    predict_s = 0.0
    fit_s = 0.0
    for start in range(0, len(rows), refit_every):
        end = min(start + refit_every, len(rows))
        if model is not None:
            for i in range(start, end):
                t = time.perf_counter()
                top = top_k(model, [feats[i]], 3)[0]
                predict_s += time.perf_counter() - t
                labels = [lab for lab, _ in top]
                scored += 1
                hits1 += labels[:1] == [rows[i].label]
                hits3 += rows[i].label in labels
        t = time.perf_counter()
        model = fit(feats[:end], [r.label for r in rows[:end]])
        fit_s += time.perf_counter() - t
    return {
        "top1": round(hits1 / scored, 4) if scored else None,
        "top3": round(hits3 / scored, 4) if scored else None,
        "n": scored,
        "ms_per_prediction": round(predict_s * 1000 / scored + analysis_ms, 3) if scored else None,
        "rows": len(rows),
        "classes": len({r.label for r in rows}),
        "refit_every": refit_every,
        "fit_seconds": round(fit_s, 1),
    }


def evaluate_csv(path: str, *, refit_every: int = 1000) -> str:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = read_csv(fh)
    return json.dumps(prequential(rows, refit_every=refit_every), ensure_ascii=False)
