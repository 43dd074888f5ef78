"""Template helpers shared by every page: navigation links, accessible fields, masking, due dates.

`{% load minwon_site %}` in any template (portal is always installed).
"""

from __future__ import annotations

from datetime import datetime

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from minwon.complaints.deadlines import korean_due as _korean_due
from minwon.lib import masking

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """`{% optional_url "staff:desk" as url %}`: the path, or "" while that page does not exist yet."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def nav_current(context, *names: str) -> str:
    """`aria-current="page"` when the current request resolves to one of `names`."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in names:
        return mark_safe('aria-current="page"')
    return ""


@register.simple_tag
def field_widget(field, **attrs) -> str:
    """Render a bound field's widget wired to its hint and error text for screen readers.

    `aria-describedby` names the hint and the error paragraph that `_field.html` prints, and
    `aria-invalid` marks a field with errors, so a screen reader reads the Korean message with it.
    """
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if is_required(field):
        attrs["aria-required"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_required(field) -> bool:
    """Required for the person filling the form: Django-required, or checked by the service.

    Forms whose rules live in a service (intake) leave fields optional for Django and set
    `mark_required = True` on the form field so the label still says (필수).
    """
    return bool(field.field.required or getattr(field.field, "mark_required", False))


@register.filter
def widget_type(field) -> str:
    return field.widget_type if hasattr(field, "widget_type") else ""


@register.filter
def korean_due(value) -> str:
    return _korean_due(value)


@register.filter
def korean_due_iso(value) -> str:
    """korean_due for an ISO string kept in an event's data (e.g. the new due of an extension)."""
    try:
        return _korean_due(datetime.fromisoformat(value)) if value else ""
    except (TypeError, ValueError):
        return ""


register.filter("mask_name", masking.mask_name)
register.filter("mask_phone", masking.mask_phone)
register.filter("mask_email", masking.mask_email)
register.filter("mask_address", masking.mask_address)
register.filter("mask_plate", masking.mask_plate)
