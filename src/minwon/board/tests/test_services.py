"""Board services on personas: sign-up by code, posts that become 민원, privacy, 공감, moderation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from minwon.board import services
from minwon.board.choices import BoardVerb, PhotoState, PostState, ReportState, Tag
from minwon.board.models import BoardEvent, Member, Post, VerificationCode
from minwon.complaints.access import AccessDenied
from minwon.complaints.choices import Channel, Status, Visibility
from minwon.complaints.intake import Upload
from minwon.portal.tests.helpers import photo_bytes

from .helpers import member, post, sent_code, striped_jpeg

pytestmark = pytest.mark.django_db


# --- sign-up ---------------------------------------------------------------------------------------


def test_code_goes_through_the_outbox_and_makes_a_citizen(city):
    row = services.send_code("Reader@Example.com")
    assert row.address == "reader@example.com"
    assert row.code_hash and sent_code("reader@example.com") not in row.code_hash
    user = services.verify_code(row.pk, sent_code("reader@example.com"), nickname="빛나주민")
    assert user.has_role("citizen") and not user.has_usable_password()
    assert user.board_member.nickname == "빛나주민" and user.email == "reader@example.com"
    assert BoardEvent.objects.filter(verb=BoardVerb.VERIFIED, actor=user).exists()


def test_phone_sign_up_sends_an_sms_and_returning_member_gets_the_same_account(city):
    first = member("010 9876 5432", nickname="골목대장")
    row = services.send_code("01098765432")
    again = services.verify_code(row.pk, sent_code("010-9876-5432"))  # no nickname needed the second time
    assert again == first and Member.objects.count() == 1
    assert first.phone == "010-9876-5432"


def test_wrong_code_counts_attempts_and_then_locks(city):
    row = services.send_code("reader@example.com")
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(services.BoardError, match=f"{left}번 더"):
            services.verify_code(
                row.pk, "000000" if sent_code("reader@example.com") != "000000" else "111111"
            )
    with pytest.raises(services.BoardError, match="여러 번 틀렸습니다"):
        services.verify_code(row.pk, sent_code("reader@example.com"), nickname="x")


def test_expired_or_used_code_is_refused(city):
    row = services.send_code("reader@example.com")
    code = sent_code("reader@example.com")
    services.verify_code(row.pk, code, nickname="주민")
    with pytest.raises(services.BoardError, match="만료"):
        services.verify_code(row.pk, code)
    row2 = services.send_code("reader@example.com")
    VerificationCode.objects.filter(pk=row2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.BoardError, match="만료"):
        services.verify_code(row2.pk, sent_code("reader@example.com"))


@pytest.mark.parametrize("bad", ["", "hong@", "12345", "02-123-4567"])
def test_bad_address_says_what_is_expected(city, bad):
    with pytest.raises(services.BoardError) as err:
        services.send_code(bad)
    assert "address" in err.value.errors


def test_codes_per_hour_are_limited(city, settings):
    settings.MINWON_BOARD_CODES_PER_HOUR = 2
    services.send_code("a@example.com")
    services.send_code("a@example.com")
    with pytest.raises(services.BoardError, match="한 시간 뒤"):
        services.send_code("a@example.com")


# --- posts and 민원 -----------------------------------------------------------------------------------


def test_action_post_becomes_a_public_board_complaint(city):
    citizen = member()
    p = post(citizen, category=city.streetlight, address="새빛구 빛나동 12-3", lat=37.56, lng=126.97)
    c = p.complaint
    assert c is not None and c.channel == Channel.BOARD and c.visibility == Visibility.PUBLIC
    assert c.applicant == citizen and c.status == Status.ACCEPTED and c.due_at is not None
    assert p.area == "빛나동"
    assert BoardEvent.objects.filter(post=p, verb=BoardVerb.BECAME_COMPLAINT).exists()


def test_action_post_without_a_known_category_waits_for_the_desk(city):
    p = post(member())  # "etc" does not exist in the persona city
    assert p.complaint is None
    c = services.make_complaint(city.desk, p, category=city.streetlight, department=city.roads)
    assert c.department == city.roads and c.status == Status.ASSIGNED
    p.refresh_from_db()
    assert p.complaint == c
    with pytest.raises(services.BoardError, match="이미"):
        services.make_complaint(city.desk, p, category=city.streetlight)


def test_only_the_desk_files_a_post_as_a_complaint(city):
    p = post(member(), tag=Tag.TALK)
    with pytest.raises(AccessDenied):
        services.make_complaint(city.officer, p, category=city.streetlight)


def test_talk_posts_are_not_complaints(city):
    assert post(member(), tag=Tag.TALK, category=city.streetlight).complaint is None


def test_invalid_post_reports_every_field(city):
    with pytest.raises(services.BoardError) as err:
        post(member(), tag="nope", title="", body="", lat=1.0, lng=None)
    assert set(err.value.errors) == {"tag", "title", "body", "location"}


def test_anonymous_cannot_post(city):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(AccessDenied):
        post(AnonymousUser())


def test_posts_per_day_are_limited(city, settings):
    settings.MINWON_BOARD_POSTS_PER_DAY = 1
    citizen = member()
    post(citizen, tag=Tag.TALK)
    with pytest.raises(services.BoardError, match="하루에 1개"):
        post(citizen, tag=Tag.TALK)
    post(city.desk, tag=Tag.EVENT)  # the desk's notices are not limited
    post(city.desk, tag=Tag.EVENT)


def test_replies_per_day_are_limited_for_citizens_not_staff(city, settings):
    settings.MINWON_BOARD_REPLIES_PER_DAY = 1
    p = post(member(), tag=Tag.TALK)
    services.add_reply(city.junho, p, body="저도 봤어요")
    with pytest.raises(services.BoardError, match="하루에 1개"):
        services.add_reply(city.junho, p, body="한 번 더")
    services.add_reply(city.desk, p, body="확인하겠습니다.")
    services.add_reply(city.desk, p, body="현장을 확인했습니다.")


# --- privacy ---------------------------------------------------------------------------------------


def test_unkind_report_is_private_and_so_is_its_complaint(city):
    p = post(
        member(), tag=Tag.CONSULT, body="창구 직원이 반말을 하고 불친절했습니다.", category=city.streetlight
    )
    assert p.is_private and "불친절" in p.private_reason
    assert p.complaint.visibility == Visibility.PRIVATE


def test_naming_staff_makes_a_post_private(city):
    p = post(member(), tag=Tag.TALK, body="최도로 주무관님 덕분에 해결됐어요")
    assert p.is_private and "직원 이름" in p.private_reason
    assert not post(member("b@example.com"), tag=Tag.TALK, body="최도로변 가게 앞").is_private


@pytest.mark.parametrize(
    "body",
    [
        "홍길동 주무관 덕분에 빨리 해결됐어요",
        "이팀장님이 다녀가셨는데 그대로예요",
        "담당자 김영수에게 전화했어요",
    ],
)
def test_naming_anyone_with_a_staff_title_makes_a_post_private(city, body):
    # 홍길동 is no employee of the test city: the title alone says a member of staff is named.
    p = post(member(), tag=Tag.TALK, body=body)
    assert p.is_private and "직원 이름" in p.private_reason


@pytest.mark.parametrize("body", ["도로과 과장님께 감사드립니다", "주무관님께서 친절하게 안내해 주셨어요"])
def test_a_title_without_a_name_stays_public(city, body):
    assert not post(member(), tag=Tag.TALK, body=body).is_private


def test_sensitive_category_is_always_private(city):
    unkind = city.streetlight.__class__.objects.create(code="unkind", name="불친절 신고", is_sensitive=True)
    p = post(member(), tag=Tag.CONSULT, body="전화 응대가 아쉬웠습니다", category=unkind)
    assert p.is_private


# --- 공감, replies, reports, moderation ----------------------------------------------------------------


def test_support_is_one_per_account_and_toggles(city):
    p = post(member(), tag=Tag.TALK)
    reader = member("r2@example.com", "이웃")
    assert services.toggle_support(reader, p) is True
    assert services.toggle_support(city.minji, p) is True
    assert p.supports.count() == 2
    assert services.toggle_support(reader, p) is False
    assert p.supports.count() == 1


def test_officer_of_the_department_replies_officially(city):
    p = post(member(), category=city.streetlight)
    from minwon.complaints.services import assign_department

    assign_department(city.desk, p.complaint, city.roads)
    p.refresh_from_db()
    r = services.add_reply(city.officer, p, body="내일 현장에 나가겠습니다.")
    assert r.is_official and r.department == city.roads
    other = services.add_reply(city.other_officer, p, body="저도 봤어요")
    assert not other.is_official


def test_hide_needs_a_reason_and_a_moderator(city):
    p = post(member(), tag=Tag.TALK)
    with pytest.raises(AccessDenied):
        services.hide_post(city.officer, p, reason="광고")
    with pytest.raises(services.BoardError):
        services.hide_post(city.desk, p, reason=" ")
    services.hide_post(city.desk, p, reason="광고 글")
    assert Post.objects.get(pk=p.pk).state == PostState.HIDDEN
    services.unhide_post(city.desk, p)
    assert Post.objects.get(pk=p.pk).state == PostState.PUBLISHED


def test_edit_keeps_the_original(city):
    author = member()
    p = post(author, tag=Tag.TALK, title="원래 제목", body="원래 내용")
    services.edit_post(author, p, title="새 제목", body="새 내용", address="")
    with pytest.raises(services.BoardError) as err:
        services.edit_post(city.desk, p, title="관리 제목", body="관리 내용", address="")
    assert "reason" in err.value.errors
    services.edit_post(city.desk, p, title="관리 제목", body="관리 내용", address="", reason="욕설 삭제")
    revs = list(p.revisions.values_list("title", "body"))
    assert revs == [("원래 제목", "원래 내용"), ("새 제목", "새 내용")]
    with pytest.raises(AccessDenied):
        services.edit_post(member("x@example.com"), p, title="남의 글", body="x", address="")


def test_reports_queue_once_and_resolving_hides(city):
    p = post(member(), tag=Tag.TALK)
    reader = member("r2@example.com", "이웃")
    first = services.report_abuse(reader, p, reason="광고입니다")
    assert services.report_abuse(reader, p, reason="또 신고") == first
    services.resolve_report(city.desk, first, hide=True)
    first.refresh_from_db()
    p.refresh_from_db()
    assert (
        first.state == ReportState.ACTED and p.state == PostState.HIDDEN and p.hidden_reason == "광고입니다"
    )


# --- photos -----------------------------------------------------------------------------------------


def test_photos_wait_for_review_and_redaction_keeps_the_original(city):

    raw = striped_jpeg()
    p = post(member(), tag=Tag.TALK, uploads=[Upload("a.jpg", raw, "image/jpeg")])
    photo = p.photos.get()
    assert photo.state == PhotoState.PENDING
    services.redact_photo(city.desk, photo, box=(0, 0, 50, 100))
    photo.refresh_from_db()
    assert photo.state == PhotoState.SHOWN and photo.redacted and photo.file
    with photo.file.open("rb") as a, photo.redacted.open("rb") as b:
        assert a.read() != b.read()
    with pytest.raises(AccessDenied):
        services.set_photo_state(city.officer, photo, shown=False)


def test_too_many_photos_are_refused(city):
    ups = [Upload(f"{i}.jpg", photo_bytes(), "image/jpeg") for i in range(6)]
    with pytest.raises(services.BoardError) as err:
        post(member(), tag=Tag.TALK, uploads=ups)
    assert "photos" in err.value.errors


def test_board_events_cannot_be_edited(city):
    p = post(member(), tag=Tag.TALK)
    event = BoardEvent.objects.filter(post=p).first()
    with pytest.raises(RuntimeError):
        event.save()
