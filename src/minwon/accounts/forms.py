"""Log-in and citizen sign-up forms, in Korean, with the lockout explained to the person."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Role, RoleGrant

User = get_user_model()


class LoginForm(AuthenticationForm):
    use_required_attribute = False
    error_messages = {
        "invalid_login": _("아이디 또는 비밀번호가 맞지 않습니다. 여러 번 틀리면 계정이 잠시 잠깁니다."),
        "inactive": _("사용이 중지된 계정입니다. 관리자에게 문의해 주십시오."),
        "locked": _(
            "로그인을 여러 번 실패하여 계정이 잠시 잠겼습니다. %(minutes)s분쯤 뒤에 다시 시도하거나 "
            "관리자에게 문의해 주십시오."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # No autofocus: it would skip the skip link and the menu for keyboard and screen-reader users.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].label = _("아이디")
        self.fields["password"].label = _("비밀번호")
        self.fields["username"].error_messages["required"] = _("아이디를 입력해 주십시오.")
        self.fields["password"].error_messages["required"] = _("비밀번호를 입력해 주십시오.")

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # The backend refuses a locked account even with the right password; say why, or the
            # person keeps trying and only extends the lock. (Counting happens in signals.py.)
            user = User.objects.filter(username=self.cleaned_data.get("username")).first()
            if user is not None and user.is_locked():
                from django.conf import settings

                raise forms.ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
                ) from None
            raise


class SignupForm(forms.Form):
    """A citizen account: username, display name, phone, password (role citizen)."""

    use_required_attribute = False
    username = forms.CharField(
        label=_("아이디"),
        max_length=150,
        help_text=_("영문, 숫자와 @ . + - _ 만 쓸 수 있습니다."),
        error_messages={"required": _("아이디를 입력해 주십시오.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    display_name = forms.CharField(
        label=_("이름"), max_length=50, error_messages={"required": _("이름을 입력해 주십시오.")}
    )
    phone = forms.CharField(
        label=_("휴대전화"),
        max_length=20,
        required=False,
        help_text=_("답변 알림을 받을 번호. 예: 010-1234-5678"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    password1 = forms.CharField(
        label=_("비밀번호"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("10자 이상, 흔하지 않고 숫자만으로 되지 않은 비밀번호"),
        error_messages={"required": _("비밀번호를 입력해 주십시오.")},
    )
    password2 = forms.CharField(
        label=_("비밀번호 확인"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("비밀번호를 한 번 더 입력해 주십시오.")},
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("이미 쓰이는 아이디입니다. 다른 아이디를 골라 주십시오."))
        return username

    def clean_phone(self):
        from minwon.complaints.intake import PHONE_RE

        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("전화번호 형식이 올바르지 않습니다. 예: 010-1234-5678"))
        return phone

    def clean(self):
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("두 비밀번호가 서로 다릅니다."))
        elif p1:
            candidate = User(username=data.get("username", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as err:
                self.add_error("password1", err)
        return data

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        user = User.objects.create_user(
            username=data["username"],
            password=data["password1"],
            display_name=data["display_name"],
            phone=data["phone"],
        )
        RoleGrant.objects.create(user=user, role=Role.CITIZEN)
        return user
