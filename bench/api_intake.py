"""REST API intake: 민원/s and latency through `minwon serve` (gunicorn) on PostgreSQL.

N client threads POST /api/complaints (each with its own Idempotency-Key, as the API asks) for
a fixed time against the production server setup (`minwon serve`: gunicorn --preload, its default
worker count unless --workers). `--target get` times a bare authenticated GET and `--target floor`
Django's floor (/healthz) through the same server instead. CPU per request is reported by process
group (server, PostgreSQL, this load generator, everything else on the machine) from /proc.
Then, on the same database, the same number of threads run raw single-row INSERT transactions
with psycopg, so the ratio API/raw is visible.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minwon_api_bench \
        uv run python bench/api_intake.py --clients 32 --seconds 20 [--workers W] [--target create]

The database named in DATABASE_URL is dropped and re-created.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINWON = str(Path(sys.executable).parent / "minwon")


def recreate_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup(env: dict) -> str:
    """Migrate, make a category routed to a department and a token; return the raw token."""
    subprocess.run([MINWON, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    code = (
        "import django; django.setup()\n"
        "from minwon.testing import factories as f\n"
        "from minwon.api.services import issue_token\n"
        "d = f.create_department(code='ROADS', name='도로과')\n"
        "f.create_category(code='streetlight', name='가로등', department=d)\n"
        "t, raw = issue_token(None, name='bench', integration='bench', scopes=['create'], "
        "rate_per_minute=10**9)\n"
        "print(raw)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, env=env, cwd=ROOT, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def start_server(env: dict, port: int, workers: int | None) -> subprocess.Popen:
    """`minwon serve` as the README documents it; `workers` None keeps its default (2 × cores + 1)."""
    argv = [MINWON, "serve", "--bind", f"127.0.0.1:{port}"]
    if workers is not None:
        argv += ["--workers", str(workers)]
    proc = subprocess.Popen(
        argv,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120  # collectstatic and gunicorn start-up are slow on a busy machine
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/openapi.json")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


BODY = {
    "category": "streetlight",
    "title": "가로등이 꺼져 있습니다",
    "body": "빛나로 12 앞 가로등이 사흘째 꺼져 있어 밤길이 어둡습니다. 빨리 고쳐 주세요.",
    "address": "서울특별시 새빛구 빛나로 12",
    "lat": 37.5665,
    "lng": 126.978,
    "applicant": {"name": "홍길동", "phone": "010-1234-5678", "notify_channels": ["sms"], "consent": True},
}


TARGETS = {
    # what one client request is: method, path, body
    "create": ("POST", "/api/complaints"),
    "get": ("GET", "/api/categories"),  # a bare authenticated read: token, rate limit, one query
    "floor": ("GET", "/healthz"),  # Django's floor through the same server: middleware, no database
}


def client_loop(
    port: int, token: str, stop_at: float, measure_from: float, out: list, errors: list, target: str
):
    method, path = TARGETS[target]
    payload = json.dumps(BODY).encode() if method == "POST" else None
    ok = 201 if method == "POST" else 200
    while True:
        start = time.perf_counter()
        if start >= stop_at:
            return
        headers = {"Authorization": f"Bearer {token}"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
            headers["Idempotency-Key"] = uuid.uuid4().hex
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(method, path, body=payload, headers=headers)
            resp = conn.getresponse()
            resp.read()
            conn.close()
            status = resp.status
        except OSError as exc:
            status = repr(exc)
        end = time.perf_counter()
        if start >= measure_from:
            (out if status == ok else errors).append(end - start if status == ok else status)


TICK = os.sysconf("SC_CLK_TCK")


def cpu_by_role(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the web server's processes, PostgreSQL, this load generator and
    everything else on the machine (other users of the shared cores), from /proc."""
    out = {"server": 0.0, "postgres": 0.0, "client": 0.0, "other": 0.0}
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        ppid, used = int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK
        pid = int(entry)
        if pid == me:
            role = "client"
        elif pid == server_pid or ppid == server_pid:
            role = "server"
        elif comm.startswith("postgres"):
            role = "postgres"
        else:
            role = "other"
        out[role] += used
    return out


def run_api(
    port: int, token: str, clients: int, seconds: float, warmup: float, server_pid: int, target: str
) -> dict:
    now = time.perf_counter()
    measure_from, stop_at = now + warmup, now + warmup + seconds
    latencies: list[float] = []
    errors: list = []
    threads = [
        threading.Thread(
            target=client_loop, args=(port, token, stop_at, measure_from, latencies, errors, target)
        )
        for _ in range(clients)
    ]
    for t in threads:
        t.start()
    time.sleep(max(0.0, measure_from - time.perf_counter()))
    cpu_before = cpu_by_role(server_pid)
    time.sleep(max(0.0, stop_at - time.perf_counter()))
    cpu_after = cpu_by_role(server_pid)
    for t in threads:
        t.join()
    result = summarise(latencies, errors, seconds)
    # CPU per created 민원 in ms, by process group, over the measured window (processes that exited
    # in between are not counted; processes that started count from zero: both rare here).
    n = max(1, result["ok"])
    result["cpu_ms_per_request"] = {
        role: round((cpu_after[role] - cpu_before[role]) * 1000 / n, 2) for role in cpu_after
    }
    result["cpu_busy_share"] = round(
        sum(cpu_after[r] - cpu_before[r] for r in cpu_after) / (seconds * (os.cpu_count() or 1)), 2
    )
    return result


def summarise(latencies: list[float], errors: list, seconds: float) -> dict:
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    return {
        "ok": len(lat),
        "errors": len(errors),
        "error_sample": errors[:3],
        "per_s": len(lat) / seconds,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": statistics.fmean(lat) * 1000 if lat else float("nan"),
    }


def run_raw_inserts(url: str, clients: int, seconds: float) -> dict:
    """Single-row INSERT transactions (autocommit), one connection per thread."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_raw (id bigserial primary key, title text, at timestamptz)"
        )
    stop_at = time.perf_counter() + seconds
    latencies: list[float] = []
    lock = threading.Lock()

    def loop():
        mine = []
        with psycopg.connect(url, autocommit=True) as conn:
            while True:
                start = time.perf_counter()
                if start >= stop_at:
                    break
                conn.execute(
                    "INSERT INTO bench_raw (title, at) VALUES (%s, now())", ("가로등이 꺼져 있습니다",)
                )
                mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=loop) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return summarise(latencies, [], seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--workers", type=int, default=None, help="default: minwon serve's (2 × cores + 1)")
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument(
        "--target",
        choices=sorted(TARGETS),
        default="create",
        help="create: POST /api/complaints; get: GET /api/categories; floor: GET /healthz",
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (it is dropped and re-created)")
    recreate_database(url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minwon.settings",
        "DATABASE_URL": url,
        "MINWON_DEBUG": "false",
        "MINWON_LOG_LEVEL": "WARNING",
    }
    token = setup(env)
    server = start_server(env, args.port, args.workers)
    try:
        load_before = os.getloadavg()
        api = run_api(args.port, token, args.clients, args.seconds, args.warmup, server.pid, args.target)
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    raw = run_raw_inserts(url, args.clients, min(args.seconds, 10))
    result = {
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": args.workers or f"default ({2 * (os.cpu_count() or 1) + 1})",
        "target": args.target,
        "api": api,
        "raw_insert": raw,
        "ratio_raw_over_api": raw["per_s"] / api["per_s"] if api["per_s"] else None,
        "loadavg_before": load_before,
        "loadavg_after": load_after,
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
