"""국민신문고·새올 import: refs, dates and due times kept; no duplicates; bad rows reported."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from minwon.complaints.choices import Channel, Status
from minwon.complaints.models import Complaint
from minwon.exchange import formats, services
from minwon.exchange.models import ExternalRef, ImportBatch

DATA = Path(__file__).parent / "data"
KST = ZoneInfo("Asia/Seoul")


def import_csv(actor=None):
    return services.import_file(actor, name="epeople.csv", data=(DATA / "epeople.csv").read_bytes())


def test_good_rows_are_imported_and_bad_rows_reported_by_number(city):
    batch = import_csv(city.desk)
    assert (batch.total, batch.created, batch.skipped, batch.failed) == (5, 2, 0, 3)
    assert [e["row"] for e in batch.errors] == [3, 4, 5]
    assert "민원 유형 코드 'nope'" in batch.errors[0]["message"]
    assert "external_ref" in batch.errors[1]["message"]
    assert "received_at" in batch.errors[2]["message"] and batch.errors[2]["ref"] == "1AA-2611-0000126"


def test_portal_received_and_due_times_are_kept(city):
    import_csv()
    ref = ExternalRef.objects.select_related("complaint").get(ref="1AA-2611-0000123")
    c = ref.complaint
    assert c.channel == Channel.IMPORT and ref.source == "epeople"
    assert c.received_at == datetime(2026, 11, 20, 10, 15, tzinfo=KST)
    assert c.accepted_at == c.received_at
    # The portal's due time stands, even though our clock would give another one.
    assert c.due_at == datetime(2026, 12, 1, 18, 0, tzinfo=KST)
    assert c.status == Status.ASSIGNED and c.department == city.roads
    accepted = c.events.get(verb="accepted")
    assert accepted.data["due_from"] == "epeople" and accepted.data["external_ref"] == "1AA-2611-0000123"
    # Without a due time in the file the legal clock computes it from the portal's received time.
    park = ExternalRef.objects.get(ref="1AA-2611-0000124").complaint
    assert park.received_at == datetime(2026, 11, 21, 9, 0, tzinfo=KST) and park.due_at is not None


def test_reimporting_the_same_file_creates_no_duplicates(city):
    import_csv()
    again = import_csv()
    assert (again.created, again.skipped, again.failed) == (0, 2, 3)
    assert Complaint.objects.count() == 2 and ImportBatch.objects.count() == 2


def test_json_format_and_cp949_csv(city):
    doc = {
        "complaints": [
            {
                "source": "saeol",
                "external_ref": "SAEOL-1",
                "received_at": "2026-11-22T14:00:00+09:00",
                "due_at": "2026-11-30T18:00:00+09:00",
                "category": "park",
                "title": "나무 가지치기",
                "body": "가지가 전선에 닿습니다.",
                "lat": None,
            },
            "not an object",
        ]
    }
    batch = services.import_file(None, name="saeol.json", data=json.dumps(doc, ensure_ascii=False).encode())
    assert (batch.format, batch.created, batch.failed) == ("json", 1, 1)
    assert batch.errors[0]["row"] == 2
    text = "external_ref,received_at,category,title,body\nCP-1,2026-11-22T14:00:00+09:00,park,제목,내용\n"
    batch = services.import_file(None, name="x.csv", data=text.encode("cp949"), source="saeol")
    assert batch.created == 1 and ExternalRef.objects.get(ref="CP-1").source == "saeol"


def test_unreadable_files_are_refused_whole(city):
    with pytest.raises(formats.FormatError, match="머리글"):
        services.import_file(None, name="x.csv", data=b"a,b\n1,2\n")
    with pytest.raises(formats.FormatError, match="JSON"):
        services.import_file(None, name="x.json", data=b"{broken")


def test_export_sends_back_status_and_answer(city):
    from minwon.complaints import services as cs

    import_csv()
    c = ExternalRef.objects.get(ref="1AA-2611-0000123").complaint
    cs.start_processing(city.officer, c)
    cs.answer_complaint(city.officer, c, answer="가로등을 고쳤습니다.")
    rows = services.export_rows()
    row = next(r for r in rows if r["external_ref"] == "1AA-2611-0000123")
    assert row["status"] == "answered" and row["answer"] == "가로등을 고쳤습니다."
    assert row["answered_at"].endswith("+09:00") and row["tracking_no"] == c.tracking_no
    csv_text = formats.write_csv(rows).decode("utf-8-sig")
    assert csv_text.splitlines()[0] == ",".join(formats.EXPORT_COLUMNS)
    assert json.loads(formats.write_json(rows))["results"][0]["external_ref"]


def test_management_command_import_and_export(city, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("exchange", "import", str(DATA / "epeople.csv"))
    assert exit_.value.code == 1  # some rows failed
    out = capsys.readouterr()
    assert "새로 2건" in out.out and "3번째 행 (1AA-2611-0000125)" in out.err
    target = tmp_path / "out.json"
    call_command("exchange", "export", "--format", "json", "-o", str(target))
    assert len(json.loads(target.read_text())["results"]) == 2


def test_desk_finds_an_imported_complaint_by_the_portal_reference(client, city):
    """A caller quotes the 국민신문고 신청번호: the worklist search and the 민원 page know it."""
    from django.urls import reverse

    import_csv()
    c = ExternalRef.objects.get(ref="1AA-2611-0000123").complaint
    client.force_login(city.desk)
    found = client.get(reverse("staff:worklist"), {"q": "1aa-2611-0000123", "status": "all"})
    assert c.tracking_no in found.content.decode()
    other = ExternalRef.objects.get(ref="1AA-2611-0000124").complaint
    assert other.tracking_no not in found.content.decode()
    page = client.get(reverse("staff:complaint", args=[c.pk])).content.decode()
    assert "1AA-2611-0000123" in page and "연계 민원번호" in page
