"""Concurrent retries with one Idempotency-Key: one 민원, every caller gets the same answer.

Real threads with their own database connections; on PostgreSQL the second INSERT of the key
waits on the unique index for the first transaction and then reads its committed answer.
"""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from minwon.complaints.models import Complaint

from .conftest import complaint_payload

THREADS = 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level concurrency is PostgreSQL's")
def test_same_key_at_once_makes_one_complaint(transactional_db, tokens):
    barrier = threading.Barrier(THREADS)
    results: list[tuple[int, dict]] = []
    lock = threading.Lock()
    body = json.dumps(complaint_payload())

    def call():
        try:
            client = Client()
            barrier.wait(timeout=10)
            r = client.post(
                "/api/complaints",
                data=body,
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY="same-key-at-once",
                **tokens.app.headers,
            )
            with lock:
                results.append((r.status_code, r.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=call) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == THREADS
    assert {status for status, _ in results} == {201}
    assert len({json.dumps(b, sort_keys=True) for _, b in results}) == 1
    assert Complaint.objects.count() == 1
