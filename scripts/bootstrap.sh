#!/usr/bin/env bash
# Make this checkout runnable: uv, the Debian packages the project needs, the locked Python env.
#
# Idempotent, silent when everything is already there, and fast then (well under 2 s), so `./dev`
# runs it before every command. Needs no root for uv; uses root or `sudo -n` for apt packages and
# says clearly what to run by hand when it has neither.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UV_VENV="${XDG_DATA_HOME:-$HOME/.local/share}/minwon/uv-venv"
export PATH="$UV_VENV/bin:$HOME/.local/bin:$PATH"

# chromium: browser tests. fonts-nanum, fonts-noto-cjk: Hangul in screenshots and PDFs (boxes
# without them). libpango/libpangoft2/libharfbuzz: weasyprint's text layout.
APT_PACKAGES=(chromium fonts-nanum fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b)

say() { printf 'bootstrap: %s\n' "$*" >&2; }

# Prints the prefix that runs a command as root ("" when we are root), or fails.
as_root_prefix() {
    if [ "$(id -u)" -eq 0 ]; then
        printf ''
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        printf 'sudo -n '
    else
        return 1
    fi
}

apt_updated=0
apt_install() {
    local prefix
    if ! prefix="$(as_root_prefix)"; then
        say "need root to install: $*"
        say "run:  sudo apt-get update && sudo apt-get install -y --no-install-recommends $*"
        return 1
    fi
    say "installing $* (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    if [ "$apt_updated" -eq 0 ]; then
        $prefix apt-get update -qq >/dev/null
        apt_updated=1
    fi
    $prefix apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing_debs() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        [ "$status" = "install ok installed" ] || printf '%s\n' "$pkg"
    done
}

ensure_debian_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian system: make sure these are installed: ${APT_PACKAGES[*]}"
        return 0
    fi
    local missing
    mapfile -t missing < <(missing_debs "${APT_PACKAGES[@]}")
    if [ "${#missing[@]}" -gt 0 ]; then
        apt_install "${missing[@]}" || {
            say "continuing without ${missing[*]}: browser tests and Korean PDFs/screenshots will fail"
            return 0
        }
    fi
}

ensure_uv() {
    command -v uv >/dev/null 2>&1 && return 0
    local python
    python="$(command -v python3 || true)"
    if [ -z "$python" ]; then
        say "python3 not found; install Python 3.11 or newer first"
        exit 1
    fi
    say "installing uv from PyPI into $UV_VENV"
    if ! "$python" -m venv "$UV_VENV" >/dev/null 2>&1; then
        # Debian ships venv/ensurepip separately (python3-venv).
        rm -rf "$UV_VENV"
        if apt_install python3-venv; then
            "$python" -m venv "$UV_VENV" >/dev/null || rm -rf "$UV_VENV"
        fi
    fi
    if [ -x "$UV_VENV/bin/pip" ]; then
        "$UV_VENV/bin/pip" install --quiet --disable-pip-version-check uv
    else
        say "no venv available; trying pip install --user"
        "$python" -m pip install --quiet --user --break-system-packages uv \
            || "$python" -m pip install --quiet --user uv
    fi
    command -v uv >/dev/null 2>&1 || { say "could not install uv"; exit 1; }
}

ensure_debian_packages
ensure_uv
cd "$ROOT"
# SQLite cannot create the directory its database file lives in.
mkdir -p "${MINWON_DATA_DIR:-$ROOT/var}"
uv sync --frozen --quiet
