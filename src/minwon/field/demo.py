"""Demo: the quick-pick buttons and a dozen field reports across the current and the previous half-year.

The reports are filed and processed through the real services. Each step runs with the clock set
to when it "happened" (demo only), so a report from last spring was answered last spring and the
participation page's on-time figures mean something.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import datetime, timedelta
from unittest import mock

from django.utils import timezone

from minwon.accounts.models import User
from minwon.complaints import services as cs
from minwon.complaints.choices import ClosureReason

from . import services
from .models import FieldCategory, FieldReport
from .queries import half_year

# (reporter, half: 0 = previous / 1 = current, day in the half, button, text, lat, lng, outcome)
REPORTS: tuple[tuple[str, int, int, str, str, float, float, str], ...] = (
    ("field", 0, 12, "도로", "새빛로 14 앞 차도에 포트홀 두 곳, 지름 30cm 정도", 37.5291, 127.0118, "closed"),
    ("field", 0, 34, "광고물", "새빛역 2번 출구 가로등에 불법 현수막 3개", 37.5302, 127.0131, "closed"),
    ("field", 0, 58, "쓰레기", "새빛시장길 골목 입구 쓰레기 무단투기 더미", 37.5284, 127.0107, "answered"),
    (
        "field",
        0,
        91,
        "교통",
        "빛나초등학교 앞 횡단보도 신호등 보행신호 고장",
        37.5357,
        127.0254,
        "closed_late",
    ),
    ("field", 0, 127, "공원·녹지", "한울공원 놀이터 그네 사슬 한쪽이 끊어짐", 37.5421, 127.0349, "rejected"),
    ("clean", 0, 140, "쓰레기", "새빛구청 민원실 앞 음식물 수거함 넘침", 37.5297, 127.0125, "closed"),
    ("field", 1, 9, "가로등", "빛나로 22 골목 보안등 두 개가 꺼져 있음", 37.5349, 127.0241, "closed"),
    ("field", 1, 27, "도로", "새빛로 보도블록 들뜸, 보행자 걸려 넘어질 위험", 37.5288, 127.0114, "answered"),
    ("field", 1, 46, "광고물", "새빛시장 입구 전봇대 불법 전단지 다수", 37.5281, 127.0102, "open"),
    ("clean", 1, 60, "쓰레기", "한울천 산책로 입구 대형 폐가구 무단 배출", 37.5430, 127.0360, "open"),
    ("field", 1, -3, "기타", "새빛역 지하보도 비상벨 덮개 파손", 37.5305, 127.0135, "open"),
)
ANSWER = "현장을 확인하고 조치를 마쳤습니다. 알려 주셔서 고맙습니다."


@contextlib.contextmanager
def _clock(at: datetime):
    # Demo only: the services stamp "now"; here now is when the step happened in the story.
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


def seed_field_demo() -> int:
    """Install the default buttons; file the demo reports once. Returns how many reports were made."""
    services.install_default_categories()
    if FieldReport.objects.exists():
        return 0
    buttons = {fc.label: fc for fc in FieldCategory.objects.active()}
    people = {u.username: u for u in User.objects.filter(username__in={r[0] for r in REPORTS})}
    now = timezone.now()
    made = 0
    for who, half, day, label, text, lat, lng, outcome in REPORTS:
        if who not in people or label not in buttons:
            continue
        at = _when(now, half, day)
        with _clock(at):
            filed = services.file_report(
                people[who],
                client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"minwon-demo-field/{text}"),
                field_category=buttons[label],
                text=text,
                lat=lat,
                lng=lng,
                accuracy_m=8,
                observed_at=at - timedelta(minutes=3),
                received_at=at,
            )
        _advance(filed.report.complaint, outcome, at, now)
        made += 1
    return made


def _when(now: datetime, half: int, day: int) -> datetime:
    local = timezone.localtime(now)
    this_half = 1 if local.month <= 6 else 2
    if half == 1:
        year, which = local.year, this_half
    else:
        year, which = (local.year, 1) if this_half == 2 else (local.year - 1, 2)
    start, _end = half_year(year, which)
    base = start + timedelta(days=day) if day >= 0 else local - timedelta(days=-day)
    at = base.replace(hour=10, minute=30, second=0, microsecond=0)
    # Early in a half the "current" days may not have come yet: keep every report in the past.
    return min(max(at, start), now - timedelta(hours=2))


def _advance(c, outcome: str, at: datetime, now: datetime) -> None:
    if outcome == "open" or c.department_id is None:
        return
    officer = (
        User.objects.filter(
            memberships__department_id=c.department_id,
            memberships__ended_at__isnull=True,
            role_grants__role="officer",
        )
        .order_by("pk")
        .first()
    )
    if officer is None:
        return
    step = timedelta(days=12) if outcome == "closed_late" else timedelta(hours=20)
    with _clock(min(at + step / 2, now)):
        c = cs.start_processing(officer, c)
    with _clock(min(at + step, now)):
        if outcome == "rejected":
            cs.reject_complaint(officer, c, reason="사유지 안의 시설이라 구청이 관리하지 않습니다.")
            return
        c = cs.answer_complaint(officer, c, answer=ANSWER)
    if outcome.startswith("closed"):
        with _clock(min(at + step + timedelta(days=1), now)):
            cs.close_complaint(officer, c, reason=ClosureReason.RESOLVED)
