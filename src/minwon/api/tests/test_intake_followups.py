"""API intake: the legal record in the request, the rest from `minwon worker` (deferred follow-ups).

The request writes the 민원 already 접수 (accepted time, due date) with its `received` and
`accepted` events and queues the events' other work in the same transaction; the worker does
that work (접수 notice, search document, routing suggestion, auto-routing) exactly once.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from minwon.complaints import deadlines
from minwon.complaints.choices import Status
from minwon.complaints.events import MAX_DISPATCH_ATTEMPTS, dispatch_pending, event_recorded
from minwon.complaints.models import PendingDispatch
from minwon.notify.models import Message
from minwon.triage.models import RoutingSuggestion, SearchDoc, TriageSettings
from minwon.triage.routing import forget_loaded_model, retrain
from minwon.triage.tests.test_routing import history  # noqa: F401  (fixture)

from .conftest import complaint_payload, file_via_api, post_json

pytestmark = pytest.mark.django_db

URL = "/api/complaints"


@pytest.fixture(autouse=True)
def _no_model_from_another_test():
    # The routing model is kept per process; a model trained here must not outlive this database.
    forget_loaded_model()
    yield
    forget_loaded_model()


def test_the_request_records_the_legal_part_and_queues_the_rest(client, tokens):
    c = file_via_api(client, tokens.app)
    assert c.status == Status.ACCEPTED
    assert c.accepted_at == c.clock_started_at == c.received_at
    assert c.due_at is not None and c.due_at == deadlines.due_for(c)  # the full computation agrees
    assert c.routing_due_at == deadlines.routing_due(c.received_at)
    events = list(c.events.order_by("pk").values_list("verb", "status_before", "status_after"))
    assert events == [("received", "", "received"), ("accepted", "received", "accepted")]
    assert set(PendingDispatch.objects.values_list("event_id", flat=True)) == set(
        c.events.values_list("pk", flat=True)
    )
    # Not yet: the worker's part.
    assert not Message.objects.filter(complaint=c).exists()
    assert not SearchDoc.objects.filter(complaint=c).exists()
    assert not RoutingSuggestion.objects.filter(complaint=c).exists()


def test_the_worker_does_the_follow_ups_once(client, tokens):
    c = file_via_api(client, tokens.app)
    call_command("worker", "--once", "--no-jobs")  # delivery only: nothing of ours happens
    assert PendingDispatch.objects.count() == 2
    call_command("worker", "--once")
    assert not PendingDispatch.objects.exists()
    notice = Message.objects.get(complaint=c, template_key="accepted")
    assert notice.channel == "sms" and notice.recipient == "010-9876-5432"
    assert SearchDoc.objects.get(complaint=c).is_open
    assert RoutingSuggestion.objects.get(complaint=c).source == "category_default"
    call_command("worker", "--once")
    assert Message.objects.filter(complaint=c, template_key="accepted").count() == 1
    assert RoutingSuggestion.objects.filter(complaint=c).count() == 1


def test_a_failure_after_the_request_loses_nothing(client, tokens):
    """The request committed; the follow-up fails (a crashed worker, a bug): it stays queued, its
    partial work is rolled back, and the next run does it."""
    c = file_via_api(client, tokens.app)

    def broken(sender, event, **kwargs):
        if event.verb == "accepted":
            raise RuntimeError("worker died here")

    event_recorded.connect(broken, dispatch_uid="test.broken")
    try:
        assert dispatch_pending() == 1  # `received` done, `accepted` not
    finally:
        event_recorded.disconnect(dispatch_uid="test.broken")
    pending = PendingDispatch.objects.get()
    assert pending.event.verb == "accepted" and pending.attempts == 1 and "worker died" in pending.last_error
    assert not Message.objects.filter(complaint=c).exists()  # rolled back with the failed event
    assert SearchDoc.objects.filter(complaint=c).exists()  # the `received` event's work stands
    assert dispatch_pending() == 1
    assert not PendingDispatch.objects.exists()
    assert Message.objects.filter(complaint=c, template_key="accepted").count() == 1


def test_a_poison_event_is_left_for_a_person(client, tokens):
    file_via_api(client, tokens.app)
    PendingDispatch.objects.update(attempts=MAX_DISPATCH_ATTEMPTS)
    assert dispatch_pending() == 0
    assert PendingDispatch.objects.count() == 2


def test_auto_routing_still_happens_from_the_worker(client, tokens, city, history):  # noqa: F811
    retrain()
    cfg = TriageSettings.load()
    cfg.auto_route_threshold = 0.5
    cfg.save()
    payload = complaint_payload(title="공원 벤치 파손", body="벤치가 부서졌어요")
    r = post_json(client, URL, payload, token=tokens.app)
    created = r.json()
    assert r.status_code == 201 and created["status"] == "accepted"
    dispatch_pending()
    r = client.get(created["status_url"], **tokens.app.headers)
    assert r.json()["status"] == "assigned" and r.json()["department"] == "공원녹지과"
    suggestion = RoutingSuggestion.objects.get(complaint_id=created["id"])
    assert suggestion.auto_routed


def test_one_create_stays_within_its_query_budget(client, tokens, django_assert_max_num_queries):
    """Pinned so a regression fails: rate limit (the token is cached), BEGIN, category, the work
    calendar (closed days, outages), tracking number, 민원, both events, their follow-up queue,
    submission, idempotency record, COMMIT. SQLite's tracking number takes a locked counter row
    (three statements) where PostgreSQL takes one `nextval`."""
    file_via_api(client, tokens.app)  # warm: the token is now cached
    budget = 12 if connection.vendor == "postgresql" else 14
    with django_assert_max_num_queries(budget):
        r = post_json(client, URL, complaint_payload(), token=tokens.app, key="budget-1")
    assert r.status_code == 201
