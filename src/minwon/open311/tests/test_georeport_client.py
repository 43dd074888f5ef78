"""An independent Open311 client from PyPI (`georeport` 0.3.1) reads our server over HTTP."""

from __future__ import annotations

import pytest
from georeport import GeoReport

from minwon.complaints.choices import Visibility
from minwon.testing import factories as f


@pytest.fixture
def published(city):
    return f.create_complaint(category=city.streetlight, visibility=Visibility.PUBLIC, title="가로등 고장")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_reads_services_and_requests(live_server, published, fmt, settings):
    client = GeoReport(
        f"{live_server.url}/open311/v2", jurisdiction=settings.MINWON_OPEN311_JURISDICTION, output_format=fmt
    )
    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    assert {"streetlight", "park", "road_permit"} <= codes
    assert client.get_service_definition("streetlight")["service_code"] == "streetlight"
    requests = client.get_service_requests(service_code="streetlight")
    # xmltodict gives a dict for a single <request>, a list for several
    rows = requests if isinstance(requests, list) else [requests]
    assert [r["service_request_id"] for r in rows] == [published.tracking_no]
    assert rows[0]["status"] == "open"
    one = client.get_service_request(published.tracking_no)
    one = one[0] if isinstance(one, list) else one
    assert one["service_name"] == "가로등"
