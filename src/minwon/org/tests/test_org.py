"""The versioned org chart: renames, merges and splits keep history and name successors."""

import pytest

from minwon.complaints import services as cs
from minwon.org import services as s
from minwon.org.models import DepartmentChange, Membership
from minwon.testing.factories import create_complaint, create_user


def test_rename_keeps_history(city):
    s.rename_department(actor=city.admin, department=city.roads, name="도로관리과")
    change = DepartmentChange.objects.get(department=city.roads, kind="rename")
    assert (change.name_before, change.name_after, change.actor) == ("도로과", "도로관리과", city.admin)


def test_merge_routes_old_work_to_successor(city):
    merged = s.create_department(actor=city.admin, code="INFRA", name="도시기반과")
    c = cs.assign_department(city.desk, create_complaint(category=city.streetlight), city.roads)
    s.merge_departments(actor=city.admin, departments=[city.roads, city.parks], into=merged)
    city.roads.refresh_from_db()
    assert not city.roads.is_active and city.roads.current() == merged
    # The old 민원 still names the department that had it; the category now routes to the successor.
    c.refresh_from_db()
    assert c.department == city.roads
    city.streetlight.refresh_from_db()
    assert city.streetlight.routing_department() == merged
    assert not Membership.objects.filter(department=city.roads, ended_at__isnull=True).exists()
    change = DepartmentChange.objects.get(department=city.roads, kind="merge")
    assert list(change.successors.all()) == [merged]


def test_split_names_primary_successor_and_refuses_dissolved_target(city):
    a = s.create_department(actor=city.admin, code="ROAD1", name="도로시설과")
    b = s.create_department(actor=city.admin, code="ROAD2", name="보도관리과")
    s.split_department(actor=city.admin, department=city.roads, into=[a, b], primary=a)
    city.roads.refresh_from_db()
    assert city.roads.current() == a
    assert set(DepartmentChange.objects.get(kind="split").successors.all()) == {a, b}
    c = create_complaint(category=city.park)
    with pytest.raises(Exception, match="폐지"):
        cs.assign_department(city.desk, c, city.roads)


def test_department_path_and_membership(city):
    bureau = s.create_department(actor=city.admin, code="B1", name="안전건설국", level="bureau")
    team = s.create_department(actor=city.admin, code="T1", name="포장팀", level="team", parent=bureau)
    assert team.path() == "안전건설국 > 포장팀"
    u = create_user(roles=["officer"], department=team)
    assert team.pk in u.department_ids
