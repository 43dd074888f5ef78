"""Intake validation and file hygiene."""

import io

import pytest
from PIL import Image

from minwon.complaints.errors import IntakeError
from minwon.complaints.intake import Applicant, Upload, receive_complaint
from minwon.complaints.models import Attachment
from minwon.testing.factories import create_complaint


def jpeg_with_gps(lat=(37, 30, 0.0), lng=(127, 1, 30.0), size=(64, 48)) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: lat, 3: "E", 4: lng}
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


def test_all_errors_reported_at_once(city):
    with pytest.raises(IntakeError) as err:
        receive_complaint(
            None,
            channel="web",
            category=city.streetlight,
            title=" ",
            body="",
            applicant=Applicant(phone="123", email="not-an-email", notify_channels=["email"], consent=False),
            lat=10.0,
            lng=10.0,
        )
    assert set(err.value.errors) >= {"title", "body", "phone", "email", "location", "consent"}
    assert err.value.errors["phone"].startswith("전화번호 형식")


def test_anonymous_needs_a_contact(city):
    with pytest.raises(IntakeError) as err:
        receive_complaint(None, channel="web", category=city.streetlight, title="제목", body="내용")
    assert "contact" in err.value.errors


def test_phone_normalised_and_h3_cell_set(city):
    c = create_complaint(category=city.streetlight, phone="01098765432", lat=37.5665, lng=126.978)
    assert c.applicant_phone == "010-9876-5432"
    assert len(c.h3_cell) == 15


def test_photo_is_reencoded_without_metadata_and_gps_optional(city):
    raw = jpeg_with_gps()
    c = create_complaint(
        category=city.streetlight, uploads=[Upload("IMG_0001.JPG", raw)], use_photo_location=True
    )
    att = Attachment.objects.get(complaint=c)
    stored = att.file.read()
    with Image.open(io.BytesIO(stored)) as img:
        assert not img.getexif()  # no EXIF at all: no GPS, no device
        assert img.size == (64, 48)
    assert b"PhoneMaker" not in stored
    assert c.lat == pytest.approx(37.5) and c.lng == pytest.approx(127.025)


def test_photo_gps_ignored_without_consent(city):
    c = create_complaint(category=city.streetlight, uploads=[Upload("a.jpg", jpeg_with_gps())])
    assert c.lat is None


def test_bad_files_and_too_many_files_are_refused(city, settings):
    with pytest.raises(IntakeError) as err:
        create_complaint(category=city.streetlight, uploads=[Upload("virus.exe", b"MZ\x90\x00")])
    assert "형식" in err.value.errors["uploads"] or "읽을 수 없습니다" in err.value.errors["uploads"]
    settings.MINWON_MAX_ATTACHMENTS = 2
    with pytest.raises(IntakeError, match="2개까지"):
        create_complaint(
            category=city.streetlight, uploads=[Upload(f"{i}.jpg", jpeg_with_gps()) for i in range(3)]
        )
    settings.MINWON_MAX_UPLOAD_BYTES = 100
    with pytest.raises(IntakeError, match="너무 큽니다"):
        create_complaint(category=city.streetlight, uploads=[Upload("big.jpg", jpeg_with_gps())])
    assert not Attachment.objects.exists()


def test_sensitive_category_is_always_private(city):
    from minwon.testing.factories import create_category

    rude = create_category(code="rude", name="불친절 신고", department=city.desk_team, is_sensitive=True)
    c = create_complaint(category=rude, visibility="public")
    assert c.visibility == "private"


def test_tracking_numbers_are_sequential_per_year(city):
    a = create_complaint(category=city.streetlight)
    b = create_complaint(category=city.streetlight)
    assert int(b.tracking_no.split("-")[1]) == int(a.tracking_no.split("-")[1]) + 1
