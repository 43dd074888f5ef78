"""Shared test helpers: aware Asia/Seoul datetimes in one short call."""

from datetime import datetime

from minwon.lib.legalclock import SEOUL


def kst(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)
