"""The Django admin: every registered page renders, writes go through services, 민원 stay read-only."""

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from minwon.accounts.models import AccessLog, User
from minwon.complaints import services as s
from minwon.complaints.models import Category, Complaint, ComplaintEvent
from minwon.core.models import ClosedDay, Outage
from minwon.org import services as org
from minwon.org.models import Department, DepartmentChange, DepartmentChangeKind
from minwon.testing.factories import create_complaint

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def staff_client(client, city):
    client.force_login(city.admin)
    return client


@pytest.fixture
def filled(city):
    """One row of each of our models, so change lists and change pages have something to show."""
    c = create_complaint(category=city.streetlight, applicant_user=city.minji)
    c = s.assign_department(city.desk, c, city.roads)
    s.start_processing(city.officer, c)
    AccessLog.objects.create(
        user=city.desk, object_type="complaint", object_id=str(c.pk), fields="전화", reason="통화"
    )
    ClosedDay.objects.create(date=date(2026, 10, 15), name="구민의 날", kind="local")
    start = timezone.now() - timedelta(days=2)
    Outage.objects.create(started_at=start, ended_at=start + timedelta(hours=1), reason="점검")
    org.rename_department(actor=city.admin, department=city.parks, name="공원녹지과(개편)")
    return c


class FormValues(HTMLParser):
    """The values a browser would submit for the page's main form (enough for admin forms)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(
                a.get("value") or ("on" if a.get("type") == "checkbox" else "")
            )
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, text):
        if self._textarea:
            self.data[self._textarea][0] += text


def form_values(response) -> dict:
    parser = FormValues()
    parser.feed(response.content.decode())
    data = {k: v if len(v) > 1 else v[0] for k, v in parser.data.items() if v}  # unselected: not sent
    data.pop("csrfmiddlewaretoken", None)
    return data


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_changelist_renders(staff_client, filled, model):
    response = staff_client.get(url(model, "changelist"))
    assert response.status_code == 200
    response = staff_client.get(url(model, "changelist"), {"q": "가"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_change_and_add_page_renders(staff_client, filled, model):
    obj = model._default_manager.order_by("pk").first()
    if obj is not None:
        assert staff_client.get(url(model, "change", obj.pk)).status_code == 200
    expected = 200 if admin.site._registry[model].has_add_permission(_request(staff_client)) else 403
    assert staff_client.get(url(model, "add")).status_code == expected


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=client.session["_auth_user_id"])
    return request


def test_complaints_and_their_timeline_are_read_only(staff_client, filled):
    c = filled
    events_before = ComplaintEvent.objects.filter(complaint=c).count()
    page = staff_client.get(url(Complaint, "change", c.pk))
    assert page.status_code == 200
    assert "010-1234-5678" not in page.content.decode()  # contact details stay out of the admin
    assert 'name="_save"' not in page.content.decode()
    assert staff_client.post(url(Complaint, "change", c.pk), {"title": "바꿈"}).status_code == 403
    assert staff_client.get(url(Complaint, "add")).status_code == 403
    assert staff_client.post(url(Complaint, "delete", c.pk), {"post": "yes"}).status_code == 403
    bulk = staff_client.post(
        url(Complaint, "changelist"), {"action": "delete_selected", "_selected_action": [c.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    c.refresh_from_db()
    assert c.title == "가로등이 꺼져 있습니다"
    assert ComplaintEvent.objects.filter(complaint=c).count() == events_before
    assert Complaint.objects.filter(pk=c.pk).exists()
    if ComplaintEvent in admin.site._registry:
        event = ComplaintEvent.objects.filter(complaint=c).first()
        assert staff_client.post(url(ComplaintEvent, "change", event.pk), {"note": "x"}).status_code == 403


def _errors(response) -> str:
    form = response.context_data.get("adminform") if response.context_data else None
    return str(form.form.errors) if form else response.content.decode()[:500]


def test_access_log_is_read_only(staff_client, filled):
    log = AccessLog.objects.get()
    assert staff_client.get(url(AccessLog, "add")).status_code == 403
    assert staff_client.post(url(AccessLog, "change", log.pk), {"reason": "바꿈"}).status_code == 403
    assert staff_client.post(url(AccessLog, "delete", log.pk), {"post": "yes"}).status_code == 403
    log.refresh_from_db()
    assert log.reason == "통화"


def test_unlock_action_clears_the_lockout(staff_client, city):
    city.officer.failed_logins = 5
    city.officer.locked_until = timezone.now() + timedelta(minutes=30)
    city.officer.save()
    changelist = staff_client.get(url(User, "changelist"))
    assert "잠김" in changelist.content.decode()
    response = staff_client.post(
        url(User, "changelist"), {"action": "unlock_accounts", "_selected_action": [city.officer.pk]}
    )
    assert response.status_code == 302
    city.officer.refresh_from_db()
    assert city.officer.failed_logins == 0 and city.officer.locked_until is None


def test_user_page_shows_roles_memberships_and_lockout(staff_client, city):
    page = staff_client.get(url(User, "change", city.head.pk)).content.decode()
    assert "role_grants-TOTAL_FORMS" in page and "memberships-TOTAL_FORMS" in page
    assert "연속 로그인 실패" in page and "잠금 해제 시각" in page


def test_admin_creates_a_user_of_our_model(staff_client, city):
    data = form_values(staff_client.get(url(User, "add")))  # includes the inlines' management forms
    data.update(
        username="newclerk",
        display_name="신규직원",
        usable_password="true",
        password1="long-enough-pass-2026",
        password2="long-enough-pass-2026",
    )
    data.update({"role_grants-TOTAL_FORMS": "1", "role_grants-0-role": "officer"})
    response = staff_client.post(url(User, "add"), data)
    assert response.status_code == 302, _errors(response)
    user = User.objects.get(username="newclerk")
    assert user.display_name == "신규직원" and user.check_password("long-enough-pass-2026")
    assert user.roles == {"officer"}


def test_new_department_is_made_by_the_service(staff_client, city):
    data = form_values(staff_client.get(url(Department, "add")))
    data.update(code="ENV-CLIMATE", name="기후환경과", level="division", phone="02-860-4610")
    response = staff_client.post(url(Department, "add"), data)
    assert response.status_code == 302, _errors(response)
    dept = Department.objects.get(code="ENV-CLIMATE")
    change = DepartmentChange.objects.get(department=dept)
    assert change.kind == DepartmentChangeKind.CREATE and change.actor == city.admin


def test_rename_and_merge_through_the_form_leave_history(staff_client, city):
    page = staff_client.get(url(Department, "change", city.parks.pk))
    data = form_values(page)
    data["name"] = "녹지과"
    assert staff_client.post(url(Department, "change", city.parks.pk), data).status_code == 302
    city.parks.refresh_from_db()
    assert city.parks.name == "녹지과"
    rename = DepartmentChange.objects.get(department=city.parks, kind=DepartmentChangeKind.RENAME)
    assert (rename.name_before, rename.name_after, rename.actor) == ("공원녹지과", "녹지과", city.admin)

    data = form_values(staff_client.get(url(Department, "change", city.parks.pk)))
    data["merge_into"] = str(city.roads.pk)
    refused = staff_client.post(url(Department, "change", city.parks.pk), data)
    assert refused.status_code == 200 and "사유를 적어" in refused.content.decode()
    data["reorg_note"] = "조직 개편"
    assert staff_client.post(url(Department, "change", city.parks.pk), data).status_code == 302
    city.parks.refresh_from_db()
    assert not city.parks.is_active and city.parks.successor == city.roads
    assert city.park.routing_department() == city.roads
    # A dissolved department can no longer be renamed or deleted here.
    page = staff_client.get(url(Department, "change", city.parks.pk)).content.decode()
    assert 'name="name"' not in page
    assert staff_client.post(url(Department, "delete", city.parks.pk), {"post": "yes"}).status_code == 403


def test_change_history_cannot_be_edited(staff_client, filled):
    change = DepartmentChange.objects.first()
    assert staff_client.get(url(DepartmentChange, "add")).status_code == 403
    assert staff_client.post(url(DepartmentChange, "change", change.pk), {"note": "x"}).status_code == 403


def test_category_must_route_and_statutory_needs_a_period(staff_client, city):
    base = {
        "code": "new_cat",
        "name": "새 유형",
        "sort_order": "100",
        "is_active": "on",
        "default_kind": "statutory",
        "statutory_period": "",
        "extra_questions": "[]",
    }
    refused = staff_client.post(url(Category, "add"), base)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "기본 처리부서를 지정" in body and "처리기간을 적어" in body
    bad_questions = staff_client.post(url(Category, "add"), {**base, "extra_questions": '[{"label": "x"}]'})
    assert "영문 key와 label" in bad_questions.content.decode()
    ok = staff_client.post(
        url(Category, "add"),
        {
            **base,
            "default_department": str(city.roads.pk),
            "statutory_period": "10d",
            "extra_questions": '[{"key": "plate", "label": "차량번호", "required": false}]',
        },
    )
    assert ok.status_code == 302, ok.content.decode()[:2000]
    cat = Category.objects.get(code="new_cat")
    assert cat.routing_department() == city.roads and cat.period_for("statutory") == "10d"


def test_non_staff_cannot_open_the_admin(client, city):
    client.force_login(city.desk)
    response = client.get(url(Complaint, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
