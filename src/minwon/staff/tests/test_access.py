"""Who may open which staff page (personas: see minwon.testing.fixtures)."""

import pytest
from django.urls import reverse

from minwon.complaints.models import ComplaintEvent

PAGES = ["staff:home", "staff:desk", "staff:worklist", "staff:dashboard", "staff:worklist_csv"]


@pytest.mark.parametrize("name", [*PAGES, "staff:complaint"])
def test_anonymous_is_sent_to_login(client, city, routed, name):
    args = [routed.pk] if name == "staff:complaint" else []
    r = client.get(reverse(name, args=args))
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", [*PAGES, "staff:complaint"])
def test_citizen_gets_korean_403(as_user, city, routed, name):
    args = [routed.pk] if name == "staff:complaint" else []
    r = as_user(city.minji).get(reverse(name, args=args))
    assert r.status_code == 403
    html = r.content.decode()
    assert "직원만 이용할 수 있는 화면입니다." in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("desk", {"staff:desk": 200, "staff:worklist": 200, "staff:dashboard": 200}),
        ("admin", {"staff:desk": 200, "staff:worklist": 200, "staff:dashboard": 200}),
        ("auditor", {"staff:desk": 200, "staff:worklist": 200, "staff:dashboard": 200}),
        ("officer", {"staff:desk": 403, "staff:worklist": 200, "staff:dashboard": 403}),
        ("head", {"staff:desk": 403, "staff:worklist": 200, "staff:dashboard": 200}),
        ("care", {"staff:desk": 403, "staff:worklist": 200, "staff:dashboard": 403}),
    ],
)
def test_page_access_by_role(as_user, city, persona, expected):
    client = as_user(getattr(city, persona))
    for name, status in expected.items():
        r = client.get(reverse(name))
        assert r.status_code == status, (persona, name)
        if status == 200:
            assert r.content.decode().count("<h1") == 1, name


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("desk", "staff:desk"),
        ("admin", "staff:desk"),
        ("head", "staff:dashboard"),
        ("officer", "staff:worklist"),
        ("auditor", "staff:worklist"),
    ],
)
def test_home_redirects_by_role(as_user, city, persona, target):
    r = as_user(getattr(city, persona)).get(reverse("staff:home"))
    assert r.status_code == 302 and r["Location"] == reverse(target)


def test_officer_of_another_department_gets_404_on_private_complaint(as_user, city, routed):
    r = as_user(city.other_officer).get(reverse("staff:complaint", args=[routed.pk]))
    assert r.status_code == 404
    r = as_user(city.other_officer).post(reverse("staff:act", args=[routed.pk, "start"]))
    assert r.status_code == 404


def test_auditor_sees_everything_but_no_forms_and_cannot_post(as_user, city, routed):
    client = as_user(city.auditor)
    r = client.get(reverse("staff:complaint", args=[routed.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert routed.title in html
    assert "/act/" not in html  # no action form at all
    assert "읽기 전용" in html
    before = ComplaintEvent.objects.filter(complaint=routed).count()
    for action in ("start", "note", "answer", "assign_handler"):
        r = client.post(
            reverse("staff:act", args=[routed.pk, action]), {"note-body": "x", "answer-answer": "x"}
        )
        assert r.status_code == 403
        assert "감사 역할은 민원을 읽기만 할 수 있습니다." in r.content.decode()
    assert ComplaintEvent.objects.filter(complaint=routed).count() == before
    r = client.post(reverse("staff:bulk_assign"), {"ids": [routed.pk], "handler": city.officer.pk})
    assert r.status_code == 403


def test_auditor_desk_queue_is_read_only(as_user, city):
    from minwon.testing.factories import create_complaint

    create_complaint(category=city.streetlight, channel="visit")
    html = as_user(city.auditor).get(reverse("staff:desk")).content.decode()
    assert "읽기 전용" in html
    assert "/act/" not in html


def test_officer_cannot_take_desk_action_by_crafting_a_post(as_user, city):
    from minwon.testing.factories import create_complaint

    c = create_complaint(category=city.streetlight)
    r = as_user(city.officer).post(
        reverse("staff:act", args=[c.pk, "assign_department"]),
        {"assign_department-department": city.roads.pk},
    )
    # Not in the department yet: the 민원 is not even visible to the officer.
    assert r.status_code == 404


def test_unknown_action_is_404(as_user, city, routed):
    r = as_user(city.desk).post(reverse("staff:act", args=[routed.pk, "explode"]))
    assert r.status_code == 404


def test_get_on_action_url_is_refused(as_user, city, routed):
    r = as_user(city.desk).get(reverse("staff:act", args=[routed.pk, "start"]))
    assert r.status_code == 405
