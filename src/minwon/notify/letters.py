"""처리결과 통지서 and other notices on paper: the PDF, and the desk's print queue.

For citizens without digital contact (or when every digital channel failed) a notice becomes an
A4 letter: the city's header, the addressee, the tracking number, the answer (or, for a
rejection, the reasons and the remedies) and the handler's department, name and office phone
(영 제31조). It is rendered from the message's stored context, so a reprint says exactly what
the first print said.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.template.loader import render_to_string

from .choices import RESULT_KEYS, NoticeKey
from .models import Message

LETTER_TITLES: dict[str, str] = {
    NoticeKey.ANSWERED: "민원 처리결과 통지서",
    NoticeKey.REJECTED: "민원 반려 통지서",
    NoticeKey.PROGRESS: "민원 처리 진행상황 통지서",
    NoticeKey.EXTENDED: "민원 처리기간 연장 통지서",
    NoticeKey.TRANSFERRED: "민원 이송 통지서",
    NoticeKey.SUPPLEMENT_REQUESTED: "민원 보완 요청서",
}


def letter_html(message: Message) -> str:
    ctx = message.context or {}
    return render_to_string(
        "notify/letter.html",
        {
            "m": message,
            "c": ctx,
            "city": ctx.get("city") or settings.MINWON_CITY_NAME,
            "title": LETTER_TITLES.get(message.template_key, "민원 처리 안내"),
            "is_result": message.template_key in RESULT_KEYS,
            "is_rejection": message.template_key == NoticeKey.REJECTED,
            "address": message.recipient if message.channel == "letter" else "",
        },
    )


def render_letter_pdf(message: Message) -> bytes:
    from weasyprint import HTML  # imported late: ~0.3 s, and only the worker renders letters

    return HTML(string=letter_html(message)).write_pdf()


def combined_pdf(messages: Iterable[Message]) -> bytes:
    """All letters of a print run as one PDF, so the desk prints once (the print queue's button)."""
    from weasyprint import HTML

    documents = [HTML(string=letter_html(m)).render() for m in messages]
    if not documents:
        return b""
    pages = [page for doc in documents for page in doc.pages]
    return documents[0].copy(pages).write_pdf()


def print_queue():
    """Letters to print or post, oldest first (the desk's print queue page lists these)."""
    return Message.objects.print_queue()
