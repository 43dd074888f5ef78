from django.urls import reverse

from minwon.complaints import services
from minwon.complaints.choices import EventVerb, Status
from minwon.complaints.intake import Upload
from minwon.testing import factories as f

from .helpers import answered, filed_by_minji, photo_bytes, valid_post


def test_receipt_is_only_for_the_filer(client, city):
    client.post(reverse("portal:file"), valid_post(city.streetlight))
    from minwon.complaints.models import Complaint

    complaint = Complaint.objects.get()
    url = reverse("portal:receipt", args=[complaint.pk])
    assert client.get(url).status_code == 200
    stranger = client.__class__()
    assert stranger.get(url).status_code == 404
    stranger.force_login(city.junho)
    assert stranger.get(url).status_code == 404


def test_my_list_shows_only_my_complaints(client, city, django_assert_max_num_queries):
    mine = [filed_by_minji(city, title=f"내 민원 {i}") for i in range(3)]
    theirs = f.create_complaint(category=city.park, applicant_user=city.junho, title="남의 민원")
    client.force_login(city.minji)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("portal:my")).content.decode()
    for c in mine:
        assert c.title in page
    assert theirs.title not in page


def test_my_list_requires_login(client, city):
    response = client.get(reverse("portal:my"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_detail_shows_public_timeline_but_never_internal_notes(client, city):
    c = filed_by_minji(city)
    services.assign_department(city.desk, c, city.roads)
    services.add_note(city.officer, c, body="내부 메모: 민원인이 자주 전화함", public=False)
    services.add_note(city.officer, c, body="현장 확인을 마쳤습니다.", public=True)
    client.force_login(city.minji)
    page = client.get(reverse("portal:detail", args=[c.pk])).content.decode()
    assert "현장 확인을 마쳤습니다." in page and "도로과" in page
    assert "내부 메모" not in page
    assert "까지" in page  # due date in plain Korean
    assert page.count("<h1") == 1


def test_detail_is_404_for_other_citizens_and_anonymous(client, city):
    c = filed_by_minji(city)
    url = reverse("portal:detail", args=[c.pk])
    client.force_login(city.junho)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_detail_masks_contact(client, city):
    c = filed_by_minji(city, name="홍길동", phone="010-9876-5432", email="hong@example.com")
    client.force_login(city.minji)
    page = client.get(reverse("portal:detail", args=[c.pk])).content.decode()
    assert "홍*동" in page and "010-****-5432" in page and "ho**@example.com" in page
    assert "9876" not in page and "hong@example.com" not in page


def test_attachments_are_served_through_the_access_check(client, city):
    c = filed_by_minji(city, uploads=[Upload("pole.jpg", photo_bytes(), "image/jpeg")])
    att = c.attachments.get()
    url = reverse("portal:attachment", args=[c.pk, att.pk])
    client.force_login(city.minji)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert f'src="{url}"' in client.get(reverse("portal:detail", args=[c.pk])).content.decode()
    client.force_login(city.junho)
    assert client.get(url).status_code == 404


def test_internal_attachment_is_hidden_from_the_applicant(client, city):
    c = filed_by_minji(city)
    from minwon.complaints.models import Attachment

    internal = Attachment.objects.create(
        complaint=c,
        file="complaints/x/internal.pdf",
        original_name="내부검토.pdf",
        content_type="application/pdf",
        size=1,
        uploaded_by=city.officer,
    )
    client.force_login(city.minji)
    assert "내부검토.pdf" not in client.get(reverse("portal:detail", args=[c.pk])).content.decode()
    assert client.get(reverse("portal:attachment", args=[c.pk, internal.pk])).status_code == 404


def test_applicant_withdraws_with_a_reason(client, city):
    c = filed_by_minji(city)
    client.force_login(city.minji)
    url = reverse("portal:withdraw", args=[c.pk])
    page = client.get(url).content.decode()
    assert "민원을 취하하시겠습니까?" in page and page.count("<h1") == 1
    response = client.post(url, {"reason": "스스로 해결했습니다."})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == Status.WITHDRAWN
    event = c.events.get(verb=EventVerb.WITHDRAWN)
    assert event.actor == city.minji and event.note == "스스로 해결했습니다."


def test_other_citizen_cannot_withdraw(client, city):
    c = filed_by_minji(city)
    client.force_login(city.junho)
    assert client.post(reverse("portal:withdraw", args=[c.pk])).status_code == 404
    c.refresh_from_db()
    assert c.status == Status.ACCEPTED


def test_withdraw_after_the_answer_is_refused(client, city):
    c = answered(city, filed_by_minji(city))
    client.force_login(city.minji)
    response = client.post(reverse("portal:withdraw", args=[c.pk]), follow=True)
    assert "이미 처리를 마친 민원은 취하할 수 없습니다." in response.content.decode()
    c.refresh_from_db()
    assert c.status == Status.ANSWERED


def test_reopen_only_after_an_answer(client, city):
    c = filed_by_minji(city)
    client.force_login(city.minji)
    page = client.get(reverse("portal:detail", args=[c.pk])).content.decode()
    assert "해결되지 않았어요" not in page
    response = client.post(reverse("portal:reopen", args=[c.pk]), {"reason": "그대로입니다"}, follow=True)
    assert "답변을 받은 뒤에만" in response.content.decode()
    c.refresh_from_db()
    assert c.status == Status.ACCEPTED


def test_applicant_sees_the_answer_and_reopens(client, city):
    c = answered(city, filed_by_minji(city))
    client.force_login(city.minji)
    page = client.get(reverse("portal:detail", args=[c.pk])).content.decode()
    assert "가로등을 교체했습니다." in page and "해결되지 않았어요" in page
    url = reverse("portal:reopen", args=[c.pk])
    empty = client.post(url, {"reason": "  "}).content.decode()
    assert "해결되지 않은 점을 적어 주십시오." in empty
    client.post(url, {"reason": "아직도 꺼져 있습니다."})
    c.refresh_from_db()
    assert c.status == Status.REOPENED and c.reopen_count == 1
    assert c.events.get(verb=EventVerb.REOPENED).actor == city.minji


def test_other_citizen_cannot_reopen(client, city):
    c = answered(city, filed_by_minji(city))
    client.force_login(city.junho)
    assert client.post(reverse("portal:reopen", args=[c.pk]), {"reason": "x"}).status_code == 404
    c.refresh_from_db()
    assert c.status == Status.ANSWERED


def test_staff_do_not_act_through_the_citizen_pages(client, city):
    c = filed_by_minji(city)
    services.assign_department(city.desk, c, city.roads)
    client.force_login(city.officer)
    assert client.get(reverse("portal:detail", args=[c.pk])).status_code == 404
    assert client.post(reverse("portal:withdraw", args=[c.pk])).status_code == 404
