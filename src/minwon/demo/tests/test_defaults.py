"""`seed_defaults`: a real city's first install (no demo people or 민원)."""

from io import StringIO

from django.core.management import call_command

from minwon.accounts.models import User
from minwon.complaints.models import Category
from minwon.demo import data
from minwon.demo.seed import seed_defaults
from minwon.org.models import Department, DepartmentChange, DepartmentChangeKind


def test_seed_defaults_records_history_and_keeps_local_edits(db):
    actor = User.objects.create_user(username="installer", password="x-not-used-0")
    Department.objects.create(code="SAF-ROAD", name="도로관리과")  # the city renamed it already
    created = seed_defaults(actor=actor)
    assert created["departments"] == len(data.DEPARTMENTS) - 1
    assert Department.objects.get(code="SAF-ROAD").name == "도로관리과"
    changes = DepartmentChange.objects.filter(kind=DepartmentChangeKind.CREATE, actor=actor)
    assert changes.count() == len(data.DEPARTMENTS) - 1
    assert Department.objects.get(code="SAF-ROAD-REPAIR").parent.code == "SAF-ROAD"
    assert Category.objects.get(code="road_pothole").routing_department().code == "SAF-ROAD"
    assert seed_defaults() == {"departments": 0, "categories": 0}


def test_seed_defaults_command(db):
    out = StringIO()
    call_command("seed_defaults", stdout=out)
    assert f"부서 {len(data.DEPARTMENTS)}개" in out.getvalue()
    out = StringIO()
    call_command("seed_defaults", stdout=out)
    assert "부서 0개, 민원 유형 0개" in out.getvalue()
