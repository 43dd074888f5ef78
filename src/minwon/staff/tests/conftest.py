"""Staff-page test helpers on the persona city (minwon.testing.fixtures.city).

The clock is frozen on a Monday morning so due dates, "due today" and routing limits are exact.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minwon.complaints import services as s
from minwon.testing.factories import create_complaint

KST = ZoneInfo("Asia/Seoul")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=KST)


def at(*args):
    return datetime(*args, tzinfo=KST)


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(MONDAY_10, tick=True):
        yield


@pytest.fixture
def as_user(client):
    """`as_user(city.officer)` logs the test client in as that persona and returns it."""

    def login(user):
        client.force_login(user)
        return client

    return login


def routed_complaint(city, *, category=None, **kwargs):
    """A web 민원 accepted at arrival and routed by the desk to the category's department."""
    category = category or city.streetlight
    c = create_complaint(category=category, applicant_user=kwargs.pop("applicant_user", city.minji), **kwargs)
    return s.assign_department(city.desk, c, category.default_department)


@pytest.fixture
def routed(city):
    return routed_complaint(city)
