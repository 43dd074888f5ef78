"""Filing: a field report becomes a 민원 (channel field) routed straight to its department."""

from __future__ import annotations

import uuid

import pytest
from PIL import Image

from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import Channel, EventVerb, Status
from minwon.complaints.errors import IntakeError
from minwon.complaints.models import Category, Complaint
from minwon.field import services
from minwon.field.models import FieldCategory, FieldEvent, FieldEventVerb, FieldReport, LocationSource
from minwon.org.services import merge_departments
from minwon.testing import factories as f

from .conftest import file, jpeg

SEOUL = ((37, 31, 30.0), (127, 1, 12.0))  # 37.525, 127.02


def test_report_is_a_field_complaint_routed_to_the_category_department(field):
    filed = file(field.reporter, field.buttons.road, "빛나로 12 보도블록 파손", lat=37.53, lng=127.02)
    c = filed.report.complaint
    assert filed.created
    assert (c.channel, c.status, c.department) == (Channel.FIELD, Status.ASSIGNED, field.city.roads)
    assert c.applicant == field.reporter and c.category == field.city.streetlight
    assert c.title == "빛나로 12 보도블록 파손" and "보고자 남궁현 (안전총괄과)" in c.body
    verbs = list(c.events.values_list("verb", "actor"))
    assert verbs == [
        (EventVerb.RECEIVED, field.reporter.pk),
        (EventVerb.ACCEPTED, None),
        (EventVerb.ASSIGNED, None),
    ]
    assert "행정종합관찰 '도로'" in c.events.get(verb=EventVerb.ASSIGNED).note
    assert filed.report.reporter_department == field.safety
    assert filed.report.location_source == LocationSource.DEVICE
    assert FieldEvent.objects.filter(verb=FieldEventVerb.FILED, report=filed.report).count() == 1


def test_button_department_overrides_and_follows_reorganisation(field):
    field.buttons.park.department = field.city.roads
    field.buttons.park.save()
    assert file(field.reporter, field.buttons.park).report.complaint.department == field.city.roads
    merged_into = f.create_department(code="ROADS2", name="도로관리과")
    merge_departments(actor=field.city.admin, departments=[field.city.roads], into=merged_into)
    assert file(field.reporter, field.buttons.park).report.complaint.department == merged_into


def test_other_button_waits_for_the_desk(field):
    c = file(field.reporter, field.buttons.other).report.complaint
    assert c.status == Status.ACCEPTED and c.department is None
    assert Complaint.objects.awaiting_routing().filter(pk=c.pk).exists()


def test_photo_gps_used_when_phone_has_none_and_stripped_from_stored_photo(field):
    report = file(field.reporter, field.buttons.road, photos=[jpeg(gps=SEOUL)]).report
    c = report.complaint
    assert (round(c.lat, 4), round(c.lng, 4)) == (37.525, 127.02)
    assert report.location_source == LocationSource.PHOTO and report.location_accuracy_m is None
    stored = c.attachments.get()
    with stored.file.open("rb") as fh, Image.open(fh) as img:
        exif = img.getexif()
        assert not exif.get_ifd(0x8825) and 0x010F not in exif and "exif" not in img.info


def test_phone_gps_wins_over_photo_gps(field):
    report = file(field.reporter, field.buttons.road, photos=[jpeg(gps=SEOUL)], lat=37.55, lng=127.05).report
    assert (report.complaint.lat, report.complaint.lng) == (37.55, 127.05)
    assert report.location_source == LocationSource.DEVICE


def test_no_location_at_all_is_allowed(field):
    report = file(field.reporter, field.buttons.road, photos=[jpeg()]).report
    assert report.complaint.lat is None and report.location_source == LocationSource.NONE


def test_same_uuid_twice_makes_one_complaint(field):
    key = uuid.uuid4()
    first = file(field.reporter, field.buttons.road, client_id=key)
    again = file(field.reporter, field.buttons.road, "다른 글", client_id=str(key))
    assert first.created and not again.created
    assert again.report.pk == first.report.pk
    assert Complaint.objects.filter(channel=Channel.FIELD).count() == 1
    assert FieldEvent.objects.filter(verb=FieldEventVerb.RESENT).count() == 1


def test_someone_elses_uuid_is_refused(field):
    key = uuid.uuid4()
    file(field.reporter, field.buttons.road, client_id=key)
    with pytest.raises(IntakeError) as err:
        file(field.park_staff, field.buttons.road, client_id=key)
    assert "client_id" in err.value.errors


def test_bad_input_reports_every_problem_and_writes_nothing(field):
    with pytest.raises(IntakeError) as err:
        services.file_report(field.reporter, client_id=uuid.uuid4(), field_category=None, text="  ")
    assert set(err.value.errors) == {"field_category", "text"}
    with pytest.raises(IntakeError) as err:
        file(field.reporter, field.buttons.road, lat=40.7, lng=-74.0)  # New York: outside Korea
    assert "location" in err.value.errors
    assert not FieldReport.objects.exists() and not Complaint.objects.exists()


def test_citizens_may_not_file(field):
    with pytest.raises(AccessDenied):
        file(field.city.minji, field.buttons.road)


def test_implausible_phone_time_is_dropped(field):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    good = file(field.reporter, field.buttons.road, observed_at=now - timedelta(hours=5)).report
    future = file(field.reporter, field.buttons.road, observed_at=now + timedelta(days=1)).report
    ancient = file(field.reporter, field.buttons.road, observed_at=now - timedelta(days=40)).report
    assert good.observed_at is not None and future.observed_at is None and ancient.observed_at is None


def test_install_default_categories_maps_existing_codes_only(db):
    roads = f.create_department(code="SAF-ROAD", name="도로과")
    f.create_category(code="road", name="도로·보도", department=roads)
    f.create_category(code="facility", name="공공시설 고장", department=roads)
    assert services.install_default_categories() == 3  # 도로, 공공시설, 기타 (the rest have no category)
    assert services.install_default_categories() == 0
    assert {fc.label: fc.route_directly for fc in FieldCategory.objects.all()} == {
        "도로": True,
        "공공시설": True,
        "기타": False,
    }
    assert FieldCategory.objects.get(label="도로").routing_department() == roads
    assert FieldCategory.objects.get(label="기타").routing_department() is None
    assert FieldEvent.objects.filter(verb=FieldEventVerb.CATEGORY_SAVED).count() == 3
    # An inactive 민원 유형 takes its button off the phone page.
    Category.objects.filter(code="road").update(is_active=False)
    assert list(FieldCategory.objects.active().values_list("label", flat=True)) == ["공공시설", "기타"]
