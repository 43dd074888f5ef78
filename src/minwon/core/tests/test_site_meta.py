"""Site-wide invariants over every URL (STYLE §10, djangoproject.com / GOV.UK Notify style).

1. Every URL needs a log-in unless it is on the allow-list in `minwon.portal.public_urls`:
   an anonymous GET and POST end on the log-in page (a 405 for a method the view refuses is fine).
2. Every page renders with exactly one <h1>: each URL without parameters, and each one whose
   parameters can be filled with a real object from the `city` personas, opened as the first
   persona that may see it.

New apps need no change here: their URLs are found by walking the resolver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from minwon.complaints import services
from minwon.complaints.intake import Upload
from minwon.portal.public_urls import PUBLIC_URL_NAMES, SELF_GUARDED_NAMESPACES
from minwon.portal.tests.helpers import photo_bytes
from minwon.testing import factories as f

H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
# Served by Django itself in DEBUG only (static/media helpers); never mounted in tests.
IGNORED_UNNAMED = ()
# Pages that must be among those rendered, so a broken walk cannot pass by checking nothing.
MUST_RENDER = {
    "portal:home",
    "portal:file",
    "portal:track",
    "portal:my",
    "portal:detail",
    "portal:receipt",
    "portal:reopen",  # the objects' 민원 is answered: reopen renders, withdraw redirects (tested in portal)
    "accounts:login",
    "accounts:signup",
}


@dataclass(frozen=True)
class Route:
    name: str | None
    namespace: str
    params: dict[str, str]  # parameter → converter name ("int", "slug", "str", "path", "regex")
    route: str


def _converter_names(pattern) -> dict[str, str]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters is not None and hasattr(pattern.pattern, "_route"):
        return {k: type(v).__name__.replace("Converter", "").lower() for k, v in converters.items()}
    return dict.fromkeys(pattern.pattern.regex.groupindex, "regex")


def walk(patterns=None, namespace="", params=None, prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    params = params or {}
    for p in patterns:
        here = {**params, **_converter_names(p)}
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x)
            yield from walk(p.url_patterns, ns, here, route)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield Route(name, namespace, here, route)


ROUTES = [r for r in walk() if r.namespace.split(":")[0] not in SELF_GUARDED_NAMESPACES]


def test_walk_finds_the_site():
    names = {r.name for r in ROUTES}
    assert {"portal:home", "portal:file", "accounts:login"} <= names
    assert not any(r.namespace.startswith("admin") for r in ROUTES)


def test_every_url_has_a_name():
    unnamed = [r.route for r in ROUTES if not r.name and r.route not in IGNORED_UNNAMED]
    assert not unnamed, f"name these URL patterns (the allow-list and reverse() need it): {unnamed}"


def test_allow_list_names_exist():
    names = {r.name for r in ROUTES}
    assert names >= PUBLIC_URL_NAMES, PUBLIC_URL_NAMES - names


# Regex parameters whose pattern "x" cannot match: a value the pattern accepts, so the route is
# checked instead of skipped (exchange:export is /exchange/results.<csv|json>).
REGEX_SAMPLES = {"fmt": "csv"}


def _dummy_kwargs(route: Route) -> dict[str, object]:
    return {
        k: 1 if conv == "int" else REGEX_SAMPLES.get(k, "x") if conv == "regex" else "x"
        for k, conv in route.params.items()
    }


def _reverse(route: Route, kwargs) -> str | None:
    try:
        return reverse(route.name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name], ids=lambda r: r.name)
def test_login_required_unless_public(route, db):
    url = _reverse(route, _dummy_kwargs(route))
    if url is None:
        pytest.skip(f"cannot build a URL for {route.route}")
    client = Client()
    login_url = reverse(settings.LOGIN_URL)
    responses = {"GET": client.get(url), "POST": client.post(url)}
    if route.name in PUBLIC_URL_NAMES:
        for method, response in responses.items():
            assert not (response.status_code == 302 and response["Location"].startswith(login_url)), (
                f"{route.name} is public but {method} asks for a log-in"
            )
        return
    for method, response in responses.items():
        if response.status_code == 405:
            continue
        assert response.status_code == 302 and response["Location"].startswith(login_url), (
            f"{route.name} ({url}) answered {method} from an anonymous visitor with "
            f"{response.status_code}; it must require a log-in or be listed in portal/public_urls.py"
        )


@pytest.fixture
def objects(city):
    """Real objects for URL parameters, visible to the citizen minji and to the roads department."""
    complaint = f.create_complaint(
        category=city.streetlight,
        applicant_user=city.minji,
        actor=city.minji,
        uploads=[Upload("pole.jpg", photo_bytes(), "image/jpeg")],
    )
    services.assign_department(city.desk, complaint, city.roads)
    services.start_processing(city.officer, complaint)
    complaint = services.answer_complaint(city.officer, complaint, answer="교체했습니다.")
    attachment = complaint.attachments.get()
    values = {
        "pk": complaint.pk,
        "complaint_pk": complaint.pk,
        "complaint_id": complaint.pk,
        "attachment_pk": attachment.pk,
        "attachment_id": attachment.pk,
        "tracking_no": complaint.tracking_no,
        "user_pk": city.minji.pk,
        "department_pk": city.roads.pk,
        "action": "extend",
    }
    return values


PERSONAS = ("minji", "desk", "officer", "head", "admin")


def test_every_page_has_exactly_one_h1(city, objects):
    rendered, problems, skipped = set(), [], []
    for route in ROUTES:
        if not route.name:
            continue
        if any(param not in objects for param in route.params):
            skipped.append(route.name)
            continue
        url = _reverse(route, {k: objects[k] for k in route.params})
        if url is None:
            skipped.append(route.name)
            continue
        anonymous = [None] if route.name in PUBLIC_URL_NAMES else []
        for persona in [*anonymous, *PERSONAS]:
            client = Client()
            if persona:
                client.force_login(getattr(city, persona))
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            if "<html" not in html.lower():
                break  # an htmx fragment, not a page
            count = len(H1.findall(html))
            if count != 1:
                problems.append(f"{route.name} as {persona or 'anonymous'}: {count} <h1>")
            rendered.add(route.name)
            break
    assert not problems, problems
    assert rendered >= MUST_RENDER, f"not rendered: {MUST_RENDER - rendered}; skipped: {skipped}"
