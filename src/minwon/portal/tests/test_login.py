"""accounts: log-in for staff and citizens, the lockout message, citizen sign-up."""

import pytest
from django.urls import reverse

from minwon.accounts.models import Role, User
from minwon.testing.factories import PASSWORD

LOGIN = reverse("accounts:login")


def test_citizen_logs_in_and_lands_on_my_complaints(client, city):
    response = client.post(LOGIN, {"username": "minji", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("portal:my")


def test_staff_log_in_lands_on_the_staff_home_when_it_exists(client, city):
    from minwon.accounts.views import home_for

    response = client.post(LOGIN, {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == home_for(city.officer)


def test_next_is_honoured(client, city):
    response = client.post(LOGIN, {"username": "minji", "password": PASSWORD, "next": "/track/"})
    assert response["Location"] == "/track/"


def test_wrong_password_is_explained_in_korean(client, city):
    page = client.post(LOGIN, {"username": "minji", "password": "wrong"}).content.decode()
    assert "아이디 또는 비밀번호가 맞지 않습니다." in page
    assert 'value="minji"' in page


@pytest.mark.real_hashing
def test_locked_account_says_so(client, city, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        client.post(LOGIN, {"username": "minji", "password": "wrong"})
    page = client.post(LOGIN, {"username": "minji", "password": PASSWORD}).content.decode()
    assert "로그인을 여러 번 실패하여 계정이 잠시 잠겼습니다." in page
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client, city):
    client.force_login(city.minji)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_citizen_signup(client, db):
    data = {
        "username": "newcitizen",
        "display_name": "새주민",
        "phone": "010-5555-6666",
        "password1": "a-long-passphrase-2026",
        "password2": "a-long-passphrase-2026",
    }
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 302
    user = User.objects.get(username="newcitizen")
    assert user.roles == {Role.CITIZEN} and user.phone == "010-5555-6666"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_errors_are_korean_and_keep_the_input(client, city):
    data = {
        "username": "minji",
        "display_name": "김",
        "phone": "123",
        "password1": "short",
        "password2": "other",
    }
    page = client.post(reverse("accounts:signup"), data).content.decode()
    assert "이미 쓰이는 아이디입니다." in page
    assert "전화번호 형식이 올바르지 않습니다." in page
    assert "두 비밀번호가 서로 다릅니다." in page
    assert 'value="김"' in page
