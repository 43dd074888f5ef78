"""Property-based run of the whole REST API against its own OpenAPI schema (in-process WSGI).

Schemathesis generates requests from /api/openapi.json; every answer must be no 5xx, a status
code the schema declares, and a body matching the declared schema. Bounded to a few examples per
operation so the run stays within a few seconds.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from minwon.wsgi import application

from .conftest import make_token

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def desk_token(city):
    # As django.test.Client does: a WSGI call would otherwise close the test's DB connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield make_token(user=city.desk, scopes=["create", "read", "list"], rate_per_minute=100_000).raw
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema(case, desk_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {desk_token}"}, checks=CHECKS)
