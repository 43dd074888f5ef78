import re
import subprocess
import sys

import pytest

from minwon.lib.legalclock.cli import main

HANGUL = re.compile("[가-힣]")


@pytest.mark.parametrize(
    ("received", "period", "expected"),
    [
        ("2026-09-18T16:00", "7d", "2026-09-30T18:00:00+09:00"),
        ("2026-11-23T17:30", "3d", "2026-11-26T17:30:00+09:00"),
        ("2026-11-23T19:00", "3d", "2026-11-26T18:00:00+09:00"),
        ("2026-07-16T16:30", "즉시", "2026-07-20T10:30:00+09:00"),
        ("2026-07-16T16:30", "immediate", "2026-07-20T10:30:00+09:00"),
        ("2026-04-29T10:00", "14d", "2026-05-20T18:00:00+09:00"),
        ("2026-01-31", "1m", "2026-03-03T18:00:00+09:00"),
    ],
)
def test_worked_examples_through_the_cli(capsys, received, period, expected):
    assert main(["--received", received, "--period", period]) == 0
    out, err = capsys.readouterr()
    assert out == expected + "\n"
    assert err == ""


def test_leading_deadline_word_is_accepted(capsys):
    assert main(["deadline", "--received", "2026-09-18T16:00", "--period", "7d"]) == 0
    assert capsys.readouterr().out == "2026-09-30T18:00:00+09:00\n"


def test_pause_closed_outage_and_explain(capsys):
    argv = [
        "--received", "2026-09-18T16:00+09:00",
        "--period", "7d",
        "--pause", "2026-09-21T09:00/2026-09-21T18:00",
        "--closed", "2026-09-29",
        "--outage", "2026-09-22T10:00/2026-09-22T11:00",
        "--explain",
    ]  # fmt: skip
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    # 9/29 closed → 7th counted day 10/1; +8 h pause +1 h outage fill 10/2 and, past 개천절 (10/3)
    # and its substitute (10/5), one hour of 10/6.
    assert lines[0] == "2026-10-06T10:00:00+09:00"
    text = "\n".join(lines)
    assert "임시휴무" in text
    assert "추석" in text
    assert "9시간" in text


@pytest.mark.parametrize(
    "argv",
    [
        ["--received", "yesterday", "--period", "7d"],
        ["--received", "2026-09-18T16:00", "--period", "7 days"],
        ["--received", "2026-09-18T16:00", "--period", "0d"],
        ["--period", "7d"],
        ["--received", "2026-09-18T16:00"],
        ["--received", "2026-09-18T16:00", "--period", "7d", "--frobnicate"],
        ["--received", "2026-09-18T16:00", "--period"],
        ["--received", "2026-09-18T16:00", "--period", "7d", "--pause", "2026-09-21T09:00/"],
        ["--received", "2026-09-18T16:00", "--period", "7d", "--pause", "2026-09-21T09:00"],
        ["--received", "2026-09-18T16:00", "--period", "7d", "--pause", "2026-09-22T09:00/2026-09-21T09:00"],
        ["--received", "2026-09-18T16:00", "--period", "7d", "--closed", "2026-13-01"],
        ["--received", "2026-09-18T16:00", "--period", "7d", "--outage", "2026-09-21T09:00/"],
    ],
)
def test_bad_input_is_one_korean_line_and_exit_2(capsys, argv):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert HANGUL.search(err)
    assert "usage" not in err


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "접수 시각" in capsys.readouterr().out


def test_python_dash_m_subprocess():
    ok = subprocess.run(
        [sys.executable, "-m", "minwon.lib.legalclock", "--received", "2026-09-18T16:00", "--period", "7d"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "2026-09-30T18:00:00+09:00\n", "")
    bad = subprocess.run(
        [sys.executable, "-m", "minwon.lib.legalclock", "--received", "nope", "--period", "7d"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "접수 시각" in bad.stderr
