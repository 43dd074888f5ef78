"""GeoReport v2 output: the same Python lists/dicts rendered as JSON or as the spec's XML."""

from __future__ import annotations

import json
from datetime import date, datetime
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

# Root element and item element of each XML document (GeoReport v2 §"Response").
XML_NAMES = {
    "services": ("services", "service"),
    "service_requests": ("service_requests", "request"),
    "updates": ("service_request_updates", "request_update"),
    "errors": ("errors", "error"),
}
# Inside a service definition: lists whose items have their own element name.
ITEM_NAMES = {"attributes": "attribute", "values": "value", "endpoints": "endpoint", "formats": "format"}


def w3(dt: datetime | None) -> str | None:
    """W3C date-time with the Korean offset: 2026-12-03T17:00:00+09:00."""
    if dt is None:
        return None
    return timezone.localtime(dt).isoformat(timespec="seconds")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return w3(value) or ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _fill(parent: ET.Element, name: str, value) -> None:
    el = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for k, v in value.items():
            _fill(el, k, v)
    elif isinstance(value, list):
        child = ITEM_NAMES.get(name, "item")
        for v in value:
            _fill(el, child, v)
    else:
        el.text = _text(value)


def to_xml(kind: str | None, data) -> bytes:
    if kind is None:  # a single document (discovery, service_definition)
        root_name, obj = next(iter(data.items()))
        root = ET.Element(root_name)
        for k, v in obj.items():
            _fill(root, k, v)
    else:
        root_name, item = XML_NAMES[kind]
        root = ET.Element(root_name)
        for obj in data:
            _fill(root, item, obj)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _json_default(value):
    if isinstance(value, datetime):
        return w3(value)
    raise TypeError(type(value))


def respond(fmt: str, kind: str | None, data, *, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(to_xml(kind, data), status=status, content_type="text/xml; charset=utf-8")
    # A single document is wrapped in its root name for XML only; JSON carries the object itself.
    payload = next(iter(data.values())) if kind is None else data
    body = json.dumps(payload, ensure_ascii=False, default=_json_default)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)
