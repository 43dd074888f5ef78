"""Keyword-only `create_*` helpers for tests, benchmarks and demo seeding (STYLE §10)."""

from __future__ import annotations

import itertools
from datetime import datetime

from minwon.accounts.models import RoleGrant, User
from minwon.complaints.choices import Channel, Kind, NotifyChannel, Visibility
from minwon.complaints.intake import Applicant, Upload, receive_complaint
from minwon.complaints.models import Category, Complaint
from minwon.org.models import Department, Membership

_seq = itertools.count(1)
PASSWORD = "minwon-test-pass-2026"


def create_user(
    *,
    username: str | None = None,
    roles=(),
    department: Department | None = None,
    is_head: bool = False,
    display_name: str = "",
    password: str = PASSWORD,
    **extra,
) -> User:
    username = username or f"user{next(_seq)}"
    user = User.objects.create_user(
        username=username, password=password, display_name=display_name or username, **extra
    )
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    if department is not None:
        Membership.objects.create(user=user, department=department, is_head=is_head)
    return user


def create_department(
    *, code: str | None = None, name: str | None = None, parent: Department | None = None, **extra
) -> Department:
    n = next(_seq)
    return Department.objects.create(
        code=code or f"D{n:04d}", name=name or f"부서{n}", parent=parent, **extra
    )


def create_category(
    *,
    code: str | None = None,
    name: str | None = None,
    department: Department | None = None,
    kind: str = Kind.GRIEVANCE,
    statutory_period: str = "",
    **extra,
) -> Category:
    n = next(_seq)
    return Category.objects.create(
        code=code or f"cat{n}",
        name=name or f"유형{n}",
        default_department=department,
        default_kind=kind,
        statutory_period=statutory_period,
        **extra,
    )


def create_complaint(
    *,
    category: Category,
    actor=None,
    applicant_user=None,
    title: str = "가로등이 꺼져 있습니다",
    body: str = "골목 가로등이 사흘째 꺼져 있어 밤길이 위험합니다.",
    channel: str = Channel.WEB,
    phone: str = "010-1234-5678",
    email: str = "",
    name: str = "홍길동",
    visibility: str = Visibility.PRIVATE,
    kind: str | None = None,
    received_at: datetime | None = None,
    lat: float | None = None,
    lng: float | None = None,
    uploads: list[Upload] | None = None,
    notify_channels=(NotifyChannel.SMS,),
    **extra,
) -> Complaint:
    applicant = Applicant(
        user=applicant_user,
        name=name,
        phone=phone,
        email=email,
        notify_channels=list(notify_channels),
        consent=True,
    )
    return receive_complaint(
        actor,
        channel=channel,
        category=category,
        title=title,
        body=body,
        applicant=applicant,
        visibility=visibility,
        kind=kind,
        received_at=received_at,
        lat=lat,
        lng=lng,
        uploads=uploads,
        **extra,
    )
