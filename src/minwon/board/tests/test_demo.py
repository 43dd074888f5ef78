"""The board's demo posts, made through the real services on the persona city."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from minwon.board.demo import seed_board_demo
from minwon.board.models import Post
from minwon.complaints.choices import Channel, Status
from minwon.testing import factories as f

pytestmark = pytest.mark.django_db


def test_demo_posts_show_an_answered_complaint_an_open_one_and_a_private_report(city):
    f.create_category(code="traffic_parking", name="불법주정차", department=city.roads)
    f.create_category(code="streetlight_out", name="가로등 고장", department=city.roads)
    people = {"desk": city.desk, "junho": city.junho, "minji": city.minji, "traffic": city.officer}
    assert seed_board_demo(people) == 5
    assert seed_board_demo(people) == 0  # idempotent

    parking = Post.objects.get(title="빛나로 인도 불법주차 신고")
    assert parking.complaint.channel == Channel.BOARD
    assert parking.complaint.status == Status.ANSWERED and parking.complaint.department == city.roads
    light = Post.objects.get(title__startswith="한울공원 옆 가로등")
    assert light.complaint.department == city.roads and light.complaint.status != Status.ANSWERED
    assert Post.objects.get(title__startswith="주민센터 창구").is_private

    page = Client().get(reverse("board:list")).content.decode()
    assert "빛나로 인도 불법주차 신고" in page and "처리기한" in page and "주민센터 창구" not in page
    detail = Client().get(reverse("board:detail", args=[parking.pk])).content.decode()
    assert "답변 완료" in detail and "010-9876-5432" not in detail and "12가3456" not in detail
    assert "윤지아" not in detail and "02-123-4567" not in detail
