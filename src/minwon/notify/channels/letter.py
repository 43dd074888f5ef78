"""Letter: render the 통지서 PDF into the print queue; the desk prints and posts it.

The message is not `sent` here: it becomes `print_queued`, then `printed` and finally `sent` when
a desk clerk records the dispatch (`minwon.notify.services.mark_printed / mark_dispatched`).
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from .base import BaseChannel, PermanentFailure


class LetterChannel(BaseChannel):
    name = "letter"
    completes_on_send = False

    def send(self, message) -> str:
        from ..letters import render_letter_pdf

        if not message.recipient.strip():
            raise PermanentFailure("우편 주소가 없습니다.")
        pdf = render_letter_pdf(message)
        tracking = (message.context or {}).get("tracking_no", "letter")
        message.attachment.save(f"{tracking}-{message.pk}.pdf", ContentFile(pdf), save=False)
        type(message).objects.filter(pk=message.pk).update(attachment=message.attachment.name)
        return f"print-queue:{message.attachment.name}"
