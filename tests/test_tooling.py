"""The `minwon` command, `serve`, `demo`, and a smoke test of the browser set-up."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType, SimpleNamespace

import pytest
from django.core.management import call_command

from minwon.cli import main
from minwon.core.management.commands import demo


def test_no_arguments_prints_the_short_help(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    for word in ("demo", "serve", "worker", "deadline", "Django"):
        assert word in out


def test_deadline_answers_without_importing_django():
    code = (
        "import sys; from minwon.cli import main; "
        "rc = main(['deadline', '--received', '2026-09-18T16:00', '--period', '7d']); "
        "assert 'django' not in sys.modules, 'deadline imported Django'; sys.exit(rc)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith("+09:00")


def test_deadline_rejects_bad_input_with_status_2():
    run = subprocess.run(
        [sys.executable, "-m", "minwon.cli", "deadline", "--received", "어제", "--period", "7d"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1


def test_other_subcommands_are_django_management_commands(capsys):
    import django

    assert main(["version"]) == 0
    assert capsys.readouterr().out.strip() == django.get_version()


class Execed(Exception):
    """Raised instead of replacing the test process with gunicorn."""


@pytest.fixture
def exec_calls(monkeypatch, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    calls = []

    def fake_execv(path, argv):
        calls.append(argv)
        raise Execed

    monkeypatch.setattr("os.execv", fake_execv)
    return calls


def _option(argv, name):
    return argv[argv.index(name) + 1]


def test_serve_runs_gunicorn_preloaded_after_collecting_static(exec_calls, settings):
    with pytest.raises(Execed):
        call_command("serve", "--workers", "3", "--bind", "127.0.0.1:9999")
    [argv] = exec_calls
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "minwon.wsgi:application"]
    assert "--preload" in argv
    assert _option(argv, "--workers") == "3"
    assert _option(argv, "--bind") == "127.0.0.1:9999"
    assert (settings.STATIC_ROOT / "admin").is_dir()


def test_serve_takes_workers_from_the_environment(exec_calls, monkeypatch):
    monkeypatch.setenv("MINWON_WEB_WORKERS", "5")
    with pytest.raises(Execed):
        call_command("serve")
    assert _option(exec_calls[0], "--workers") == "5"
    assert _option(exec_calls[0], "--bind") == "127.0.0.1:8000"


@pytest.mark.django_db
def test_demo_without_server_seeds_and_prints_the_logins(monkeypatch, capsys):
    seed_module = ModuleType("minwon.demo.seed")
    calls = []

    def seed_demo():
        calls.append(1)
        return SimpleNamespace(logins=[("desk", "demo-pass-1", "민원팀", "모든 민원을 접수·배정합니다")])

    seed_module.seed_demo = seed_demo  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "minwon.demo.seed", seed_module)

    call_command("demo", "--no-server")

    assert calls == [1]
    out = capsys.readouterr().out
    assert "desk" in out
    assert "demo-pass-1" in out
    assert "민원팀" in out


def test_login_table_aligns_hangul_as_two_columns():
    table = demo.format_table(("아이디", "역할"), [("officer", "담당자"), ("a", "민원인")])
    header, _rule, *rows = table.splitlines()
    # The second column starts at the same terminal column on every line.
    starts = [
        demo._display_width(line[: line.index(cell)])
        for line, cell in zip(rows, ("담당자", "민원인"), strict=True)
    ]
    assert starts[0] == starts[1] == demo._display_width(header[: header.index("역할")])


@pytest.mark.browser
def test_admin_login_page_renders_korean_in_chromium(live_server, page, screenshot):
    page.goto(f"{live_server.url}/admin/login/")
    text = page.inner_text("body")
    assert "로그인" in text or "사용자" in text
    paths = screenshot(page, "admin-login")
    assert [p.name for p in paths] == ["admin-login-390.png", "admin-login-1366.png"]
    assert all(p.stat().st_size > 0 for p in paths)


def test_env_example_documents_every_variable_the_code_reads():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (root / ".env.example").read_text(), re.M))
    read = set()
    for path in [*(root / "src" / "minwon").rglob("*.py"), root / "conftest.py"]:
        if "tests" in path.parts:
            continue
        text = path.read_text()
        read |= set(re.findall(r"\benv\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", text))
        read |= set(re.findall(r"environ(?:\.get)?\(\s*\"((?:MINWON|DATABASE)_[A-Z0-9_]*)\"", text))
    assert read, "the scan found nothing; the patterns are out of date"
    assert read - documented == set(), "add these to .env.example"
