"""Dev-only pages: reachable only with DEBUG on (app installed and URLs mounted by settings/urls)."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from minwon import urls as root_urls


@pytest.fixture
def debug_site(settings):
    """Reload the root URLconf under DEBUG, as a dev server would have it."""
    settings.DEBUG = True
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "minwon.devtools"]
    importlib.reload(root_urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(root_urls)
    clear_url_caches()


def test_pages_do_not_exist_without_debug(client, city):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("devtools:outbox")
    assert client.get("/dev/login-as/").status_code == 404


def test_views_refuse_even_if_mounted_without_debug(rf, city):
    from django.http import Http404

    from minwon.devtools import views

    with override_settings(DEBUG=False), pytest.raises(Http404):
        views.login_as_list(rf.get("/dev/login-as/"))


def test_login_as_lists_users_and_logs_in(client, city, debug_site):
    page = client.get(reverse("devtools:login_as_list")).content.decode()
    assert "최도로" in page and "부서 담당자" in page and "도로과" in page
    response = client.post(reverse("devtools:login_as", args=[city.minji.pk]))
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(city.minji.pk)


def test_outbox_lists_messages_newest_first(client, city, debug_site):
    from django.db import connection

    from minwon.devtools.views import _message_model
    from minwon.testing import factories as f

    Message = _message_model()
    assert Message is not None and Message._meta.db_table in connection.introspection.table_names()

    f.create_complaint(category=city.streetlight)
    response = client.get(reverse("devtools:outbox"))
    page = response.content.decode()
    assert response.status_code == 200 and page.count("<h1") == 1
    if Message is not None and Message.objects.exists():
        newest = Message.objects.order_by("-created_at", "-pk").first()
        assert newest.recipient in page
