"""The desk's print queue page: letters listed, printed as one PDF, marked printed then posted."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from minwon.complaints import services as svc
from minwon.complaints.choices import NotifyChannel
from minwon.notify.choices import MessageStatus, NoticeKey
from minwon.notify.delivery import drain

from .test_channels import complaint, only

URL = reverse("staff:letters")


def answered_by_letter(city):
    c = complaint(city, channels=(NotifyChannel.LETTER,), phone="", postal="새빛구 새빛로 1, 101호")
    svc.assign_department(city.desk, c, city.roads)
    svc.assign_handler(city.head, c, city.officer)
    svc.start_processing(city.officer, c)
    svc.answer_complaint(city.officer, c, answer="고장 난 안정기를 교체하였습니다.")
    drain()
    return c, only(c, template_key=NoticeKey.ANSWERED)


def test_desk_prints_then_posts_a_result_letter(client, city, notify_settings):
    c, letter = answered_by_letter(city)
    client.force_login(city.desk)
    page = client.get(URL).content.decode()
    assert c.tracking_no in page and page.count("<h1") == 1

    pdf = client.get(reverse("staff:letters_pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "고장 난 안정기를 교체하였습니다." in text

    client.post(URL, {"ids": [letter.pk], "action": "printed"})
    letter.refresh_from_db()
    assert letter.status == MessageStatus.PRINTED and letter.printed_by == city.desk

    client.post(URL, {"ids": [letter.pk], "action": "dispatched", "postal_ref": "1234567890123"})
    letter.refresh_from_db()
    assert letter.status == MessageStatus.SENT and letter.postal_ref == "1234567890123"
    # The 접수 안내 letter of the same 민원 still waits; the posted result letter has left the queue.
    assert f'id="letter-{letter.pk}"' not in client.get(URL).content.decode()


def test_nothing_chosen_gets_a_korean_error_and_changes_nothing(client, city, notify_settings):
    _c, letter = answered_by_letter(city)
    client.force_login(city.desk)
    response = client.post(URL, {"action": "printed"}, follow=True)
    assert "처리할 우편을 하나 이상 선택해 주십시오." in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == MessageStatus.PRINT_QUEUED


def test_officers_and_citizens_cannot_use_the_print_queue(client, city, notify_settings):
    _c, letter = answered_by_letter(city)
    client.force_login(city.officer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"ids": [letter.pk], "action": "dispatched"}).status_code == 403
    client.force_login(city.minji)
    assert client.get(reverse("staff:letters_pdf")).status_code == 403
    letter.refresh_from_db()
    assert letter.status == MessageStatus.PRINT_QUEUED
