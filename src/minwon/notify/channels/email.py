"""E-mail over SMTP through Django's mail machinery (EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS …).

The backend is `MINWON_EMAIL_BACKEND`, not Django's EMAIL_BACKEND: test runners swap the latter
for an in-memory one, while this channel is tested against a real SMTP server.
"""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import make_msgid

from ..choices import RESULT_KEYS, Audience
from .base import BaseChannel, PermanentFailure, TemporaryFailure


class EmailChannel(BaseChannel):
    name = "email"

    def send(self, message) -> str:
        mail = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
            headers={
                # Lets a receiving system (or a person) spot a resent copy of the same message.
                "X-Minwon-Message": message.idempotency_key,
                "X-Minwon-Tracking-No": (message.context or {}).get("tracking_no", ""),
                "Message-ID": make_msgid(
                    idstring=message.idempotency_key, domain=settings.MINWON_MAIL_DOMAIN
                ),
            },
        )
        if message.audience == Audience.APPLICANT and message.template_key in RESULT_KEYS:
            from ..letters import render_letter_pdf

            # The formal 처리결과 통지서 travels with the e-mail as a PDF, as it would by post.
            mail.attach(
                f"처리결과통지서-{message.context.get('tracking_no', message.pk)}.pdf",
                render_letter_pdf(message),
                "application/pdf",
            )
        connection = get_connection(
            backend=settings.MINWON_EMAIL_BACKEND, fail_silently=False, timeout=settings.EMAIL_TIMEOUT
        )
        try:
            connection.send_messages([mail])
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _msg in exc.recipients.values()]
            if all(400 <= code < 500 for code in codes):
                raise TemporaryFailure(f"수신 서버 일시 거부 {codes}", response=repr(exc.recipients)) from exc
            raise PermanentFailure(
                f"받는 주소가 거부됨: {message.recipient}", response=repr(exc.recipients)
            ) from exc
        except smtplib.SMTPResponseException as exc:
            text = f"{exc.smtp_code} {exc.smtp_error!r}"
            if 400 <= exc.smtp_code < 500:
                raise TemporaryFailure(f"메일 서버 일시 오류 {exc.smtp_code}", response=text) from exc
            raise PermanentFailure(f"메일 서버가 거부함 {exc.smtp_code}", response=text) from exc
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            raise TemporaryFailure(f"메일 서버 연결 실패: {exc}", response=repr(exc)) from exc
        return mail.extra_headers["Message-ID"]
