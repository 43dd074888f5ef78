"""/api/docs works offline: the Swagger UI comes from our own static files, never from a CDN."""

from __future__ import annotations

import re

from django.conf import settings

ASSET_RE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_docs_page_uses_only_local_static_files_and_they_are_served(client, db):
    r = client.get("/api/docs")
    assert r.status_code == 200
    html = r.content.decode()
    assert "minwon API" in html and "/api/openapi.json" in html
    assets = ASSET_RE.findall(html)
    assert assets, html
    # Nothing from another host (no //cdn…, https://…): the page must render with no internet.
    assert not [a for a in assets if re.match(r"^(?:[a-z]+:)?//", a)], assets
    scripts = [a for a in assets if a.endswith(".js")]
    assert any("swagger-ui-bundle" in a for a in scripts) and any(a.endswith(".css") for a in assets)
    for url in assets:
        assert url.startswith(settings.STATIC_URL), url
        served = client.get(url)
        assert served.status_code == 200, url
        assert b"".join(served.streaming_content if served.streaming else [served.content])


def test_openapi_schema_is_public_and_names_the_endpoints(client, db):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/complaints", "/api/complaints/{tracking_no}", "/api/categories"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
