"""Where one REST API create spends its time: queries per create, CPU per request, a profile.

In-process through Django's WSGI handler (full middleware, django-ninja, services, database), no
HTTP server, so the figures are the application's own cost per request on one core:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minwon_api_profile \
        uv run python bench/api_profile.py --requests 300 [--profile] [--queries]

It also times a bare authenticated GET (/api/categories) and Django's floor (/healthz through
the same middleware), so "create minus GET" is the intake's own cost. The database named in
DATABASE_URL is dropped and re-created.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_intake import BODY, cpu_by_role, recreate_database, setup


def time_requests(handler, environs, n: int) -> tuple[float, float, float, float]:
    """(wall, user CPU, system CPU, PostgreSQL CPU) in ms per request."""
    wall0, t0, pg0 = time.perf_counter(), os.times(), cpu_by_role(-1)["postgres"]
    for i in range(n):
        env = dict(environs(i))
        env["wsgi.input"] = io.BytesIO(env.get("wsgi.input", b""))
        response = handler(env, lambda status, headers, exc_info=None: None)
        b"".join(response)
        response.close()
    t1, pg1 = os.times(), cpu_by_role(-1)["postgres"]
    user, system = (t1.user - t0.user) * 1000 / n, (t1.system - t0.system) * 1000 / n
    return (time.perf_counter() - wall0) * 1000 / n, user, system, (pg1 - pg0) * 1000 / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="cProfile the creates, print the top")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one create")
    parser.add_argument("--no-recreate", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (it is dropped and re-created)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minwon.settings")
    os.environ.setdefault("MINWON_DEBUG", "false")
    if not args.no_recreate:
        recreate_database(url)
    token = setup({**os.environ})

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    handler = WSGIHandler()
    payload = json.dumps(BODY).encode()

    def base(method: str, path: str) -> dict:
        return {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "HTTP_AUTHORIZATION": f"Bearer {token}",
        }

    def create(i: int) -> dict:
        return {
            **base("POST", "/api/complaints"),
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(payload)),
            "HTTP_IDEMPOTENCY_KEY": uuid.uuid4().hex,
            "wsgi.input": payload,
        }

    def get(i: int) -> dict:
        return base("GET", "/api/categories")

    def floor(i: int) -> dict:
        env = base("GET", "/healthz")
        del env["HTTP_AUTHORIZATION"]
        return env

    time_requests(handler, create, 20)  # warm up: Kiwi, caches, connections
    with CaptureQueriesContext(connection) as ctx:
        time_requests(handler, create, 1)
    print(f"queries per create: {len(ctx.captured_queries)}")
    if args.queries:
        for q in ctx.captured_queries:
            print(f"  {q['time']}s  {q['sql'][:160]}")
    n = args.requests
    for name, environs in (("floor /healthz", floor), ("GET /api/categories", get), ("POST create", create)):
        wall, user, system, pg = time_requests(handler, environs, n)
        print(
            f"{name:22s} wall {wall:6.2f} ms   cpu {user + system:6.2f} ms "
            f"(user {user:.2f}, system {system:.2f})   PostgreSQL cpu {pg:5.2f} ms   ({n} requests)"
        )
    if args.profile:
        prof = cProfile.Profile(time.process_time)  # CPU time, not waiting for the database
        prof.enable()
        time_requests(handler, create, n)
        prof.disable()
        stats = pstats.Stats(prof)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
