"""Reading the exchange files (docs/exchange.md): CSV (UTF-8 or CP949) and JSON, into plain rows.

Pure parsing, no database: each row is a dict of the documented column names, numbered from 1
as a person counts data rows (the CSV header is not a row).
"""

from __future__ import annotations

import csv
import io
import json

COLUMNS = (
    "source",
    "external_ref",
    "received_at",
    "due_at",
    "category",
    "kind",
    "title",
    "body",
    "applicant_name",
    "applicant_phone",
    "applicant_email",
    "applicant_postal_address",
    "address",
    "lat",
    "lng",
    "department",
)
REQUIRED = ("external_ref", "received_at", "category", "title", "body")
EXPORT_COLUMNS = (
    "source",
    "external_ref",
    "tracking_no",
    "status",
    "status_label",
    "department",
    "answer",
    "answered_at",
    "closed_at",
)


class FormatError(ValueError):
    """The file as a whole cannot be read (not a row problem)."""


def guess_format(name: str, data: bytes) -> str:
    if name.lower().endswith(".json") or data.lstrip()[:1] in (b"[", b"{"):
        return "json"
    return "csv"


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FormatError("파일 인코딩을 읽을 수 없습니다. UTF-8 이나 CP949(EUC-KR)로 저장해 주십시오.")


def read_rows(fmt: str, data: bytes) -> list[dict]:
    text = decode(data)
    if fmt == "json":
        return _json_rows(text)
    return _csv_rows(text)


def _csv_rows(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FormatError(f"CSV 머리글에 꼭 있어야 할 열이 없습니다: {', '.join(missing)}")
    reader.fieldnames = header
    return [{k: (v or "").strip() for k, v in row.items() if k in COLUMNS} for row in reader]


def _json_rows(text: str) -> list[dict]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"JSON 형식이 올바르지 않습니다 ({exc.lineno}번째 줄).") from None
    items = doc.get("complaints") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise FormatError('JSON 은 목록이거나 {"complaints": [...]} 이어야 합니다.')
    rows = []
    for item in items:
        if not isinstance(item, dict):
            rows.append({"_invalid": "1"})
            continue
        rows.append({k: "" if item.get(k) is None else str(item.get(k)).strip() for k in COLUMNS})
    return rows


def write_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    # The BOM lets Excel (the desk's tool) open Korean CSV correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_json(rows: list[dict]) -> bytes:
    return json.dumps({"results": rows}, ensure_ascii=False, indent=1).encode("utf-8")
