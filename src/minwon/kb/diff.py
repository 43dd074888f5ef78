"""Line diff between two revisions, as rows a template renders with <ins>/<del>."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    op: str  # "same" | "added" | "removed"
    text: str


def line_diff(old: str, new: str) -> list[DiffLine]:
    out: list[DiffLine] = []
    ops = {" ": "same", "+": "added", "-": "removed"}
    for line in difflib.ndiff((old or "").splitlines(), (new or "").splitlines()):
        if line[:1] in ops:
            out.append(DiffLine(ops[line[:1]], line[2:]))
    return out
