"""Derive a routing-evaluation CSV from the 청와대 국민청원 titles (issue 5).

    uv run python bench/triage_petitions_csv.py \
        /work/shared/data/petitions/petition_data.csv var/petitions_eval.csv
    uv run minwon triage evaluate --csv var/petitions_eval.csv --refit-every 5000

category → "department", title → title, body empty, expiryDate → received_at. These are 17 national
policy areas, not a city's departments: the figure says how well the model separates Korean
topics, not how well it routes a city's 민원.
"""

from __future__ import annotations

import csv
import sys


def main(src: str, dst: str) -> int:
    with (
        open(src, encoding="utf-8-sig", newline="") as fh,
        open(dst, "w", encoding="utf-8", newline="") as out,
    ):
        w = csv.writer(out)
        w.writerow(["received_at", "title", "body", "department"])
        n = 0
        for row in csv.DictReader(fh):
            if row.get("title") and row.get("category") and row.get("expiryDate"):
                w.writerow([row["expiryDate"], row["title"], "", row["category"]])
                n += 1
    print(f"{n} rows → {dst}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
