"""`minwon triage evaluate` on a synthetic CSV, with no database at all."""

from __future__ import annotations

import csv
import json
import random
from datetime import date, timedelta

from django.core.management import call_command

TOPICS = {
    "도로과": [
        "도로에 포트홀이 생겼습니다",
        "보도블록이 깨졌어요",
        "도로 파손 보수",
        "인도 블록이 들떴습니다",
    ],
    "공원녹지과": [
        "공원 벤치가 부서졌어요",
        "놀이터 그네 고장",
        "공원 나무 가지치기",
        "산책로 잡초가 무성합니다",
    ],
    "교통과": ["불법 주차 차량 단속", "아파트 앞 불법주차", "주정차 위반 신고", "소방차 길 막는 주차"],
    "청소과": ["쓰레기 무단투기", "음식물 쓰레기 수거 안 됨", "재활용 쓰레기 방치", "대형 폐기물 수거 요청"],
}


def synthetic_csv(path, n=240, seed=5):
    rnd = random.Random(seed)
    start = date(2026, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["received_at", "title", "body", "department", "extra"])
        for i in range(n):
            dept = rnd.choice(list(TOPICS))
            title = rnd.choice(TOPICS[dept])
            day = start + timedelta(days=i // 4)
            stamp = day.isoformat() if i % 2 else f"{day.isoformat()}T09:{i % 60:02d}:00+09:00"
            w.writerow([stamp, title, f"{title} 빠른 처리 부탁드립니다", dept, "ignored"])


def test_evaluate_prints_one_json_line_without_touching_the_database(tmp_path, capsys):
    # No django_db mark: pytest-django fails any database access in this test.
    path = tmp_path / "routing.csv"
    synthetic_csv(path)
    call_command("triage", "evaluate", "--csv", str(path), "--refit-every", "40")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["n"] == 200  # the first 40 rows only train
    assert result["top1"] > 0.9 and result["top3"] >= result["top1"]
    assert result["ms_per_prediction"] > 0


def test_evaluate_rejects_a_csv_without_the_columns(tmp_path):
    import pytest
    from django.core.management.base import CommandError

    path = tmp_path / "bad.csv"
    path.write_text("date,text\n2026-01-01,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="department"):
        call_command("triage", "evaluate", "--csv", str(path))
