"""Learned routing: cold start, training on final decisions, versions, successors, auto-route."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from minwon.complaints import hooks, services
from minwon.complaints.choices import Status
from minwon.org.models import Department
from minwon.testing import factories as f
from minwon.triage.models import RoutingModel, RoutingSuggestion, TriageSettings
from minwon.triage.routing import retrain, training_rows

pytestmark = pytest.mark.django_db

ROADS_TEXT = ["도로에 포트홀이 생겼습니다", "보도블록이 깨졌어요", "도로 파손 보수 요청", "인도 블록 들뜸"]
PARKS_TEXT = ["공원 벤치가 부서졌습니다", "놀이터 그네 고장", "공원 나무 가지치기 요청", "산책로 잡초 제거"]


def _answered(city, title, dept, category):
    c = f.create_complaint(category=category, title=title, body=title)
    services.assign_department(city.desk, c, dept)
    officer = city.officer if dept == city.roads else city.other_officer
    services.answer_complaint(officer, c, answer="처리했습니다.")
    return c


@pytest.fixture
def history(city):
    """A small history where the desk routed by content, not by the (shared) category."""
    for i in range(5):
        for t in ROADS_TEXT:
            _answered(city, f"{t} {i}", city.roads, city.streetlight)
        for t in PARKS_TEXT:
            _answered(city, f"{t} {i}", city.parks, city.streetlight)
    cfg = TriageSettings.load()
    cfg.min_training_rows = 10
    cfg.save()


def test_cold_start_suggests_the_category_default(city):
    c = f.create_complaint(category=city.park, title="벤치 파손")
    suggestions = hooks.suggest_departments(c)
    assert [(s.department, s.confidence, s.source) for s in suggestions] == [
        (city.parks, 1.0, "category_default")
    ]
    log = RoutingSuggestion.objects.get(complaint=c, source="category_default")
    assert log.model is None


def test_training_uses_final_decisions_only(city, history):
    open_one = f.create_complaint(category=city.streetlight, title="가로등 고장")
    services.assign_department(city.desk, open_one, city.roads)
    rows, labels = training_rows()
    assert len(rows) == 40
    assert set(labels) == {str(city.roads.pk), str(city.parks.pk)}


def test_model_learns_from_content_and_records_its_version(city, history):
    model = retrain()
    assert model is not None and model.version == 1 and model.n_rows == 40 and model.n_classes == 2
    c = f.create_complaint(category=city.streetlight, title="공원 벤치 파손", body="벤치가 부서졌어요")
    top = hooks.suggest_departments(c)
    assert top[0].department == city.parks
    assert top[0].source == "model:1"
    assert 0.5 < top[0].confidence <= 1.0
    assert len(top) == 2  # two departments exist in the history
    # Logged at 접수 (intake) with the model row.
    log = RoutingSuggestion.objects.filter(complaint=c).first()
    assert log.model == model and log.source == "model:1"
    assert log.suggestions[0]["department_id"] == city.parks.pk


def test_retrain_command_makes_a_new_version(city, history, capsys):
    call_command("triage", "retrain")
    call_command("triage", "retrain")
    assert list(RoutingModel.objects.values_list("version", flat=True)) == [2, 1]
    assert '"version": 2' in capsys.readouterr().out


def test_merged_department_history_maps_to_its_successor(city, history):
    green = f.create_department(code="GREEN", name="푸른도시과")
    Department.objects.filter(pk=city.parks.pk).update(dissolved_at=timezone.now(), successor=green)
    _rows, labels = training_rows()
    assert str(green.pk) in labels and str(city.parks.pk) not in labels
    retrain()
    c = f.create_complaint(category=city.streetlight, title="놀이터 그네 고장", body="그네가 고장났어요")
    assert hooks.suggest_departments(c)[0].department == green


def test_a_model_dissolved_after_training_suggests_the_successor(city, history):
    retrain()
    green = f.create_department(code="GREEN", name="푸른도시과")
    Department.objects.filter(pk=city.parks.pk).update(dissolved_at=timezone.now(), successor=green)
    c = f.create_complaint(category=city.streetlight, title="공원 벤치 파손", body="벤치가 부서졌어요")
    assert hooks.suggest_departments(c)[0].department == green


def test_auto_route_is_off_by_default(city, history):
    retrain()
    c = f.create_complaint(category=city.streetlight, title="공원 벤치 파손", body="벤치")
    assert c.status == Status.ACCEPTED and c.department is None


def test_auto_route_above_the_admins_threshold(city, history):
    retrain()
    cfg = TriageSettings.load()
    cfg.auto_route_threshold = 0.5
    cfg.save()
    c = f.create_complaint(category=city.streetlight, title="공원 벤치 파손", body="벤치가 부서졌어요")
    # The object intake returns is already up to date.
    assert c.status == Status.ASSIGNED and c.department == city.parks
    c.refresh_from_db()
    assert c.department == city.parks
    event = c.events.get(verb="assigned")
    assert event.actor is None and "자동 배정" in event.note
    assert RoutingSuggestion.objects.get(complaint=c).auto_routed


def test_auto_route_never_uses_the_cold_start_default(city):
    cfg = TriageSettings.load()
    cfg.auto_route_threshold = 0.1
    cfg.save()
    c = f.create_complaint(category=city.park, title="벤치 파손")
    assert c.status == Status.ACCEPTED and c.department is None


def test_too_little_history_keeps_the_cold_start(city):
    _answered(city, "도로 파손", city.roads, city.streetlight)
    assert retrain() is None
    assert not RoutingModel.objects.exists()
