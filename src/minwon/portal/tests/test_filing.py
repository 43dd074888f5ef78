import html

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minwon.complaints.choices import Channel, Status, Visibility
from minwon.complaints.models import Complaint

from .helpers import photo_bytes, valid_post

FILE = reverse("portal:file")


def test_category_picker_lists_active_categories_and_filters(client, city):
    city.park.is_active = False
    city.park.save(update_fields=["is_active"])
    page = client.get(FILE).content.decode()
    assert "가로등" in page and "도로점용허가" in page and "공원·녹지" not in page
    page = client.get(FILE, {"q": "가로"}).content.decode()
    assert 'value="streetlight"' in page and 'value="road_permit"' not in page


def test_form_shows_category_notice_and_extra_questions(client, city):
    city.streetlight.notice = "가로등 번호판(기둥의 숫자)을 적어 주시면 빨리 찾습니다."
    city.streetlight.extra_questions = [{"key": "pole", "label": "가로등 번호", "required": True}]
    city.streetlight.save()
    page = client.get(FILE, {"category": "streetlight"}).content.decode()
    assert "가로등 번호판(기둥의 숫자)" in page
    assert 'name="extra_pole"' in page and "가로등 번호" in page
    assert 'name="visibility" value="private"' in page and "checked" in page


def test_unknown_category_goes_back_to_the_picker_with_a_message(client, city):
    response = client.get(FILE, {"category": "nope"})
    assert "민원 유형을 선택해 주십시오." in response.content.decode()


def test_anonymous_filing_creates_the_complaint_and_shows_the_receipt(client, city):
    response = client.post(FILE, valid_post(city.streetlight), HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux)")
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:receipt", args=[complaint.pk])
    assert complaint.channel == Channel.WEB
    assert complaint.status == Status.ACCEPTED
    assert complaint.visibility == Visibility.PRIVATE
    assert complaint.applicant is None and complaint.applicant_phone == "010-1234-5678"
    assert complaint.notify_channels == ["sms"]
    receipt = client.get(response["Location"]).content.decode()
    assert complaint.tracking_no in receipt
    assert "까지" in receipt and "010-****-5678" in receipt and "홍*동" in receipt
    assert "1234-5678" not in receipt


def test_phone_user_agent_files_on_the_mobile_channel(client, city):
    ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148"
    client.post(FILE, valid_post(city.streetlight), HTTP_USER_AGENT=ua)
    assert Complaint.objects.get().channel == Channel.MOBILE


def test_logged_in_citizen_gets_the_account_linked(client, city):
    client.force_login(city.minji)
    form_page = client.get(FILE, {"category": "streetlight"}).content.decode()
    assert 'value="김민지"' in form_page and 'value="010-2222-3333"' in form_page
    client.post(FILE, valid_post(city.streetlight, consent=None, name="김민지", phone="010-2222-3333"))
    assert Complaint.objects.get().applicant == city.minji


def test_validation_errors_are_korean_sentences_next_to_fields_and_keep_the_input(client, city):
    data = valid_post(city.streetlight, title="", phone="12345", email="not-mail", consent=None)
    data["body"] = "사흘째 꺼져 있어요 <그대로>"
    data["address"] = "빛나로 12"
    data["extra_pole"] = "A-17"
    response = client.post(FILE, data)
    page = response.content.decode()
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert "제목을 입력해 주십시오." in page
    assert "전화번호 형식이 올바르지 않습니다" in page
    assert "전자우편 주소 형식이 올바르지 않습니다." in page
    assert "개인정보 수집·이용에 동의해야 접수할 수 있습니다." in page
    # What was typed is still there (escaped), and the field points at its error for screen readers.
    assert "사흘째 꺼져 있어요 &lt;그대로&gt;" in page
    assert 'value="빛나로 12"' in page and 'value="12345"' in page
    assert 'id="id_phone_error"' in page and 'aria-describedby="id_phone_hint id_phone_error"' in page
    assert 'class="error-summary"' in page


def test_missing_contact_is_reported_on_the_contact_group(client, city):
    data = valid_post(city.streetlight, name="", phone="", notify_channels=None, consent=None)
    page = client.post(FILE, data).content.decode()
    assert "답변을 받을 전화번호나 전자우편 중 하나는 입력해 주십시오." in page
    assert 'href="#contact-group"' in page


def test_required_extra_question_is_checked(client, city):
    city.streetlight.extra_questions = [{"key": "pole", "label": "가로등 번호", "required": True}]
    city.streetlight.save()
    page = html.unescape(client.post(FILE, valid_post(city.streetlight)).content.decode())
    assert "'가로등 번호' 항목을 입력해 주십시오." in page
    client.post(FILE, valid_post(city.streetlight, extra_pole="A-17"))
    assert Complaint.objects.get().extra_answers == {"pole": "A-17"}


def test_photos_are_stored_cleaned(client, city):
    data = valid_post(city.streetlight, lat="37.5665", lng="126.978")
    data["photos"] = [SimpleUploadedFile("pole.jpg", photo_bytes(), content_type="image/jpeg")]
    client.post(FILE, data)
    complaint = Complaint.objects.get()
    assert complaint.lat == 37.5665 and complaint.h3_cell
    att = complaint.attachments.get()
    assert att.content_type == "image/jpeg" and att.original_name == "pole.jpg"


def test_too_many_photos_are_refused_with_everything_kept(client, city, settings):
    data = valid_post(city.streetlight)
    data["photos"] = [
        SimpleUploadedFile(f"p{i}.jpg", photo_bytes(), content_type="image/jpeg")
        for i in range(settings.MINWON_MAX_ATTACHMENTS + 1)
    ]
    page = client.post(FILE, data).content.decode()
    assert "첨부 파일은 5개까지 올릴 수 있습니다." in page
    assert "사진은 다시 선택해 주십시오" in page
    assert 'value="골목 가로등이 꺼졌습니다"' in page
    assert not Complaint.objects.exists()


def test_location_outside_korea_is_refused_next_to_the_map(client, city):
    page = client.post(FILE, valid_post(city.streetlight, lat="48.85", lng="2.35")).content.decode()
    assert "대한민국 범위를 벗어났습니다" in page and 'href="#location-group"' in page
    assert not Complaint.objects.exists()


def test_similar_partial_calls_the_hook(client, city, monkeypatch):
    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        return []

    monkeypatch.setattr("minwon.complaints.hooks.similar_open_complaints", fake)
    response = client.get(
        reverse("portal:similar"), {"title": "가로등", "category": "streetlight", "lat": "37.5", "lng": "x"}
    )
    assert response.status_code == 200 and response.content.strip() == b""
    assert calls[0]["title"] == "가로등" and calls[0]["lat"] == 37.5 and calls[0]["lng"] is None
    assert calls[0]["category"] == city.streetlight


def test_pages_switch_to_english(client, city):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en"' in page and "File a complaint" in page
    form = client.get(FILE, {"category": "streetlight"}).content.decode()
    assert "Submit the complaint" in form and "Mobile phone" in form


def test_similar_partial_renders_what_the_real_hook_returns(client, city):
    from minwon.testing import factories as f

    f.create_complaint(
        category=city.streetlight, title="빛나로 가로등 고장", visibility="public", lat=37.5665, lng=126.978
    )
    response = client.get(
        reverse("portal:similar"),
        {"title": "빛나로 가로등 고장", "category": "streetlight", "lat": "37.5665", "lng": "126.978"},
    )
    assert response.status_code == 200
    assert "<h1" not in response.content.decode()
