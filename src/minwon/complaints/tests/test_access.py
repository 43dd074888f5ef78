"""Object-level access per persona (issue 2: officers see full details only of their department)."""

import pytest
from django.http import Http404

from minwon.accounts.models import AccessLog
from minwon.complaints import services as s
from minwon.complaints.access import AccessDenied, can_read_full, get_complaint_for, reveal_contact
from minwon.testing.factories import create_complaint


@pytest.fixture
def private(city):
    c = create_complaint(category=city.streetlight, applicant_user=city.minji)
    return s.assign_department(city.desk, c, city.roads)


@pytest.fixture
def public(city):
    c = create_complaint(category=city.streetlight, visibility="public", title="공개 민원")
    return s.assign_department(city.desk, c, city.roads)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("minji", True),  # the applicant
        ("junho", False),  # another citizen
        ("desk", True),
        ("officer", True),  # right department
        ("head", True),
        ("other_officer", False),  # another department
        ("auditor", True),
        ("admin", True),
        ("care", True),
        ("agent", True),
    ],
)
def test_full_read_of_private_complaint(city, private, persona, allowed):
    user = getattr(city, persona)
    assert can_read_full(user, private) is allowed
    if allowed:
        assert get_complaint_for(user, private.pk) == private
    else:
        with pytest.raises(Http404):
            get_complaint_for(user, private.pk)


def test_public_complaint_is_readable_publicly_but_not_writable(city, public):
    assert get_complaint_for(city.other_officer, public.pk, public_ok=True) == public
    with pytest.raises(Http404):
        get_complaint_for(city.other_officer, public.pk, write=True, public_ok=True)


def test_auditor_reads_but_never_writes(city, private):
    with pytest.raises(AccessDenied):
        get_complaint_for(city.auditor, private.pk, write=True)
    with pytest.raises(AccessDenied):
        s.add_note(city.auditor, private, body="감사 메모")


def test_department_follows_reassignment(city, private):
    s.reassign_department(city.officer, private, city.parks, reason="공원 시설물")
    private.refresh_from_db()
    city.other_officer.__dict__.pop("department_ids", None)
    assert can_read_full(city.other_officer, private)
    officer = type(city.officer).objects.get(pk=city.officer.pk)  # fresh, uncached
    assert not can_read_full(officer, private)


def test_contact_reveal_is_logged_with_reason(city, private):
    with pytest.raises(AccessDenied, match="사유"):
        reveal_contact(city.officer, private, reason="")
    contact = reveal_contact(city.officer, private, reason="현장 방문 일정 협의", ip="127.0.0.1")
    assert contact["phone"] == "010-1234-5678"
    log = AccessLog.objects.get()
    assert (log.user, log.object_id, log.reason) == (city.officer, str(private.pk), "현장 방문 일정 협의")


def test_contact_refused_to_other_department_and_not_logged(city, private):
    with pytest.raises(AccessDenied):
        reveal_contact(city.other_officer, private, reason="궁금해서")
    assert not AccessLog.objects.exists()


def test_applicant_sees_own_contact_without_log(city, private):
    assert reveal_contact(city.minji, private, reason="")["name"] == "홍길동"
    assert not AccessLog.objects.exists()
