"""The desk's upload page: only desk/admin; shows counts and the rows it could not import."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

DATA = Path(__file__).parent / "data"


def test_desk_uploads_and_sees_bad_rows(client, city):
    client.force_login(city.desk)
    upload = SimpleUploadedFile("epeople.csv", (DATA / "epeople.csv").read_bytes(), content_type="text/csv")
    r = client.post("/exchange/", {"file": upload, "source": "epeople"})
    assert r.status_code == 200
    page = r.content.decode()
    assert "5건 중 새로 2건, 이미 있던 0건, 오류 3건" in page
    assert "민원 유형 코드 &#x27;nope&#x27; 가 없습니다." in page
    assert page.count("<h1") == 1


def test_missing_file_keeps_the_form_with_a_korean_error(client, city):
    client.force_login(city.desk)
    r = client.post("/exchange/", {"source": "saeol"})
    assert "파일을 골라 주십시오." in r.content.decode()
    assert 'value="saeol" selected' in r.content.decode()


def test_export_download_and_access(client, city):
    client.force_login(city.desk)
    r = client.get("/exchange/results.csv")
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    assert client.get("/exchange/results.json").json() == {"results": []}
    client.force_login(city.officer)
    assert client.get("/exchange/").status_code == 403
    client.logout()
    assert client.get("/exchange/").status_code == 302


def test_results_export_as_csv_and_json_carries_each_reference_back(client, city):
    import csv
    import io
    import json

    from minwon.complaints import services as cs
    from minwon.exchange import formats, services
    from minwon.exchange.models import ExternalRef

    services.import_file(city.desk, name="epeople.csv", data=(DATA / "epeople.csv").read_bytes())
    c = ExternalRef.objects.get(ref="1AA-2611-0000123").complaint
    cs.start_processing(city.officer, c)
    cs.answer_complaint(city.officer, c, answer="가로등 안정기를 교체했습니다.")
    client.force_login(city.desk)

    r = client.get("/exchange/results.csv")
    assert r.status_code == 200 and r["Content-Type"] == "text/csv; charset=utf-8"
    assert r["Content-Disposition"].endswith('.csv"')
    assert r.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Korean text correctly
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == formats.EXPORT_COLUMNS
    by_ref = {row["external_ref"]: row for row in rows}
    assert set(by_ref) == {"1AA-2611-0000123", "1AA-2611-0000124"}
    answered = by_ref["1AA-2611-0000123"]
    assert (answered["source"], answered["status"], answered["tracking_no"]) == (
        "epeople",
        "answered",
        c.tracking_no,
    )
    assert answered["answer"] == "가로등 안정기를 교체했습니다." and answered["answered_at"].endswith(
        "+09:00"
    )

    r = client.get("/exchange/results.json")
    assert r.status_code == 200 and r["Content-Type"] == "application/json; charset=utf-8"
    assert r["Content-Disposition"].endswith('.json"')
    results = json.loads(r.content)["results"]
    assert [row["external_ref"] for row in results] == ["1AA-2611-0000123", "1AA-2611-0000124"]
    assert results[0]["status_label"] == "답변 완료" and results[0]["department"] == "도로과"

    assert client.get("/exchange/results.json", {"source": "saeol"}).json() == {"results": []}
    later = client.get("/exchange/results.json", {"since": "2999-01-01T00:00:00+09:00"})
    assert later.json() == {"results": []}
    bad = client.get("/exchange/results.csv", {"since": "어제"})
    assert bad.status_code == 400 and "since" in bad.content.decode()
    assert client.get("/exchange/results.xml").status_code == 404
