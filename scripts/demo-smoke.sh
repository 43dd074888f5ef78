#!/usr/bin/env bash
# Smoke test of `minwon demo` as a newcomer runs it: on a fresh SQLite database in a temporary
# data directory, the demo must come up, serve pages, and stop cleanly on SIGTERM.
# Log: $MINWON_ARTIFACTS_DIR/demo-smoke.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
artifacts="${MINWON_ARTIFACTS_DIR:-$ROOT/artifacts}"
mkdir -p "$artifacts"
log="$artifacts/demo-smoke.log"
data_dir="$(mktemp -d)"
py=(uv run --frozen python)
port="$("${py[@]}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port/"

fail() {
    echo "demo smoke: $*" >&2
    echo "--- last lines of $log ---" >&2
    tail -n 40 "$log" >&2 || true
    exit 1
}

env -u DATABASE_URL MINWON_DATA_DIR="$data_dir" uv run --frozen minwon demo --port "$port" >"$log" 2>&1 &
pid=$!
cleanup() {
    kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$data_dir"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
    grep -q "$url" "$log" && break
    kill -0 "$pid" 2>/dev/null || fail "demo exited before printing $url"
    sleep 0.5
done
grep -q "$url" "$log" || fail "no URL after 150 s"

"${py[@]}" - "$url" <<'PY' || fail "pages did not load"
import sys
import urllib.request

base = sys.argv[1]
for path in ("admin/login/", ""):
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - our own URL
        body = response.read().decode()
        assert response.status == 200, (path, response.status)
    print(f"GET /{path} -> 200 ({len(body)} bytes)")
PY

kill -TERM "$pid"
for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
kill -0 "$pid" 2>/dev/null && fail "demo still running 20 s after SIGTERM"
rc=0
wait "$pid" || rc=$?
trap - EXIT
rm -rf "$data_dir"
[ "$rc" -eq 0 ] || fail "demo exited with status $rc after SIGTERM"
"${py[@]}" -c "
import socket, sys
s = socket.socket()
sys.exit(s.connect_ex(('127.0.0.1', $port)) == 0)
" || fail "something still listens on port $port after shutdown"
echo "demo smoke: ok ($url came up, served pages, stopped cleanly)"
