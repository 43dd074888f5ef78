"""``minwon seed_defaults``: the default org chart and category tree for a city's first install.

Idempotent: only departments and categories whose code is missing are created, so running it
again after editing them in the admin changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "기본 조직도(부서)와 민원 유형을 만듭니다. 이미 있는 코드는 건너뜁니다."

    def handle(self, *args: Any, **options: Any) -> None:
        from minwon.demo.seed import seed_defaults

        created = seed_defaults()
        self.stdout.write(
            self.style.SUCCESS(
                f"부서 {created['departments']}개, 민원 유형 {created['categories']}개를 새로 만들었습니다."
            )
        )
