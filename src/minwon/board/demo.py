"""Demo: a handful of 민원소통방 posts, made through the real services.

One post that became a 민원 and was answered by 교통행정과 (with a phone number and a car plate in
the text, so the masking shows), one still being processed with its due date, a 시민대화 with a
reply and 공감, a 행사안내 from the desk, and a 불친절 신고 that stays private. Nothing is made
if any post exists (idempotent).
"""

from __future__ import annotations

from django.conf import settings

from minwon.accounts.models import User
from minwon.complaints import services as cs
from minwon.complaints.models import Category

from . import services
from .choices import Tag
from .models import Post


def _category(code: str) -> Category | None:
    return Category.objects.filter(code=code, is_active=True).first()


def _near(d_lat: float, d_lng: float) -> tuple[float, float]:
    lat, lng = settings.MINWON_MAP_CENTER[0], settings.MINWON_MAP_CENTER[1]
    return round(lat + d_lat, 6), round(lng + d_lng, 6)


def _post(author: User, tag: str, title: str, body: str, *, code: str = "", address: str = "", at=(0, 0)):
    lat, lng = _near(*at) if address else (None, None)
    return services.create_post(
        author,
        services.PostInput(
            tag=tag,
            title=title,
            body=body,
            address=address,
            lat=lat,
            lng=lng,
            category=_category(code) if code else None,
        ),
    )


def _route(post: Post, desk: User) -> None:
    c = post.complaint
    if c is not None and c.department_id is None:
        department = c.category.routing_department()
        if department is not None:
            cs.assign_department(desk, c, department)


def seed_board_demo(people: dict[str, User]) -> int:
    """The demo posts; returns how many were made (0 when the board already has posts)."""
    if Post.objects.exists():
        return 0
    desk, junho, minji = people.get("desk"), people.get("junho"), people.get("minji")
    traffic = people.get("traffic")
    if desk is None or junho is None or minji is None:
        return 0
    made: list[Post] = []

    parking = _post(
        junho,
        Tag.LIVING,
        "빛나로 인도 불법주차 신고",
        "빛나로 12 앞 인도에 12가3456 흰색 승용차가 매일 밤 주차되어 유모차가 차도로 다닙니다. "
        "차주 연락처가 차에 010-9876-5432로 적혀 있습니다.",
        code="traffic_parking",
        address="새빛구 빛나동 빛나로 12",
        at=(0.0012, -0.0021),
    )
    made.append(parking)
    _route(parking, desk)
    parking.refresh_from_db()
    if parking.complaint is not None and traffic is not None and parking.complaint.department_id:
        c = cs.start_processing(traffic, parking.complaint)
        cs.answer_complaint(
            traffic,
            c,
            answer="담당자 윤지아 주무관이 현장을 확인하고 12가3456 차량에 과태료를 부과했습니다. "
            "빛나로 구간은 주 3회 야간 단속 구역으로 정했습니다. 문의: 02-123-4567",
        )
        services.add_reply(
            traffic, parking, body="단속 결과를 답변으로 올렸습니다. 같은 일이 생기면 이 글에 알려 주십시오."
        )

    light = _post(
        minji,
        Tag.LIVING,
        "한울공원 옆 가로등이 며칠째 꺼져 있어요",
        "한울공원 남쪽 출입구 옆 가로등 두 개가 지난주부터 꺼져 있어 밤길이 어둡습니다.",
        code="streetlight_out",
        address="새빛구 한울동 한울로 45",
        at=(-0.0018, 0.0026),
    )
    made.append(light)
    _route(light, desk)

    talk = _post(
        junho,
        Tag.TALK,
        "한울공원 산책로가 좋아졌네요",
        "보도블록을 새로 깔고 나서 휠체어로도 다니기 편해졌습니다. 고맙습니다.",
        address="새빛구 한울동 한울공원",
        at=(-0.0025, 0.0031),
    )
    made.append(talk)
    services.add_reply(minji, talk, body="저도 아침마다 걷는데 정말 좋아졌어요.")
    services.toggle_support(minji, talk)

    made.append(
        _post(
            desk,
            Tag.EVENT,
            "12월 민원 상담의 날 안내",
            "매월 셋째 주 수요일 오후 2시부터 5시까지 구청 1층 민원실에서 부서 담당자와 직접 상담할 수 "
            "있습니다. 예약 없이 오셔도 됩니다.",
        )
    )
    # Private by default: an 불친절 신고 names no one in public.
    made.append(
        _post(
            minji,
            Tag.CONSULT,
            "주민센터 창구 응대가 불친절했습니다",
            "서류를 여쭤봤더니 반말로 짜증을 내셨습니다. 다시는 이런 일이 없었으면 합니다.",
        )
    )
    return len(made)
