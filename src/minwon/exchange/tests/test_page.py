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
