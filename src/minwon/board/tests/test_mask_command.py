import io
import subprocess
import sys

from django.core.management import call_command


def test_mask_command_masks_stdin():
    out = io.StringIO()
    call_command("mask", stdin=io.StringIO("홍길동 님 010-1234-5678\n"), stdout=out)
    assert out.getvalue() == "홍*동 님 010-****-5678\n"


def test_minwon_mask_works_without_django_or_a_database():
    code = "import sys; from minwon.cli import main; sys.exit(main(['mask', '--kinds']))"
    # No DJANGO_SETTINGS_MODULE: the command must not need settings or a database.
    result = subprocess.run(
        [sys.executable, "-c", code],
        input="차량 12가3456, hong@example.com\n",
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)},
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "차량 12가****, ho**@example.com\n"
    assert "plate" in result.stderr and "email" in result.stderr
    assert "django" not in result.stderr.lower()


def test_unknown_option_exits_2():
    from minwon.lib.mask_cli import main

    err = io.StringIO()
    assert main(["--nope"], stdin=io.StringIO(""), stdout=io.StringIO(), stderr=err) == 2
    assert "알 수 없는 옵션" in err.getvalue()
