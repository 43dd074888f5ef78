"""Tokens: stored hashed, shown once, revoked with an audit row; admin issues and revokes."""

from __future__ import annotations

import pytest

from minwon.api import tokens as tokenlib
from minwon.api.models import ApiToken, TokenEvent
from minwon.api.services import TokenError, issue_token, revoke_token


def test_the_raw_token_is_never_stored(city):
    token, raw = issue_token(city.admin, name="새올", integration="새올", scopes=["create"])
    assert raw.startswith("mw_") and len(raw) > 40
    stored = ApiToken.objects.filter(pk=token.pk).values_list("digest", "prefix").get()
    assert raw not in stored and stored[0] == tokenlib.digest(raw)
    assert tokenlib.find_active(raw) == token
    assert TokenEvent.objects.get(token=token).verb == "issued"


def test_revoked_tokens_stop_working_and_leave_a_trail(city):
    token, raw = issue_token(city.admin, name="앱", integration="앱", scopes=["read"])
    revoke_token(city.admin, token, reason="유출")
    assert tokenlib.find_active(raw) is None
    assert list(token.events.values_list("verb", flat=True)) == ["issued", "revoked"]


def test_bad_token_requests_are_refused(city):
    with pytest.raises(TokenError):
        issue_token(None, name="x", integration="x", scopes=["everything"])
    with pytest.raises(TokenError):
        issue_token(None, name="x", scopes=["read"])  # neither user nor integration


def test_admin_issues_a_token_once_and_revokes_it(client, city):
    client.force_login(city.admin)
    r = client.post(
        "/admin/api/apitoken/add/",
        {"name": "동네 앱", "integration": "동네 앱", "scopes": ["create", "read"], "rate_per_minute": 60},
        follow=True,
    )
    assert r.status_code == 200
    token = ApiToken.objects.get(name="동네 앱")
    shown = [str(m) for m in r.context["messages"]]
    raw = next(m.split("새 토큰: ")[1].split(" ")[0] for m in shown if "새 토큰" in m)
    assert tokenlib.find_active(raw) == token and token.scopes == ["create", "read"]
    assert token.created_by == city.admin
    client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(f"/admin/api/apitoken/{token.pk}/change/").status_code == 200
