"""Demo insight: the 적극행정 demo, then the summary tables built so the dashboard shows figures."""

from __future__ import annotations


def seed_insight(people: dict) -> None:
    from minwon.proactive.demo import seed_proactive

    from .summary import rebuild_all

    seed_proactive(people)
    rebuild_all()
