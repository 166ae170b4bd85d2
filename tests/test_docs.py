"""The README and docs/protocol.md say what the code does: images exist, every command and option they show is
real (asked of the real `--help` output), and the protocol tables match the host's constants."""

from __future__ import annotations

import re
import shlex
import struct
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from rapport.host import server
from rapport.host.dispatch import HANDLERS, MAX_ID_LENGTH, MAX_TEXT_UTF16, Dispatcher
from rapport.host.errors import Code
from rapport.host.framing import MAX_REPLY_FRAME, MAX_REQUEST_FRAME, MAX_SKIPPABLE_FRAME

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PROTOCOL = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def code_lines(markdown: str) -> list[str]:
    """Every line of a fenced code block, and every inline `code` span, with `# comments` dropped."""
    lines: list[str] = []
    fenced = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            lines.append(line.split("  #")[0].strip())
        else:
            lines.extend(re.findall(r"`([^`\n]+)`", line))
    return lines


def commands(markdown: str, program: str) -> list[list[str]]:
    """The arguments after `program` in every command line shown in code (`python3 build.py install ...`)."""
    found = []
    pattern = re.compile(rf"(?:^|\s|/){re.escape(program)}(?=\s|$)(.*)")
    for line in code_lines(markdown):
        match = pattern.search(line)
        if match:
            words = shlex.split(match.group(1).split("<")[0].split("|")[0], posix=True)
            found.append(words)
    return found


def help_text(*argv: str) -> str:
    done = subprocess.run(
        [sys.executable, *argv, "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@cache
def build_py_commands() -> set[str]:
    """The subcommands in `build.py --help` (`{build,install,...}`); build.py parses before making a venv."""
    usage = re.search(r"\{([a-z,]+)\}", help_text("build.py"))
    assert usage, "build.py --help shows no {command,...} list"
    return set(usage.group(1).split(","))


@cache
def rapport_commands() -> set[str]:
    """The COMMAND entries listed by `python -m rapport --help`."""
    text = help_text("-m", "rapport")
    block = text.split("positional arguments:", 1)[1].split("options:", 1)[0]
    return set(re.findall(r"^ {4}([a-z]+)\s", block, re.MULTILINE))


def options(words: list[str]) -> list[str]:
    return [w.split("=")[0] for w in words if w.startswith("--")]


# ------------------------------------------------------------------------------------------- README images


def test_readme_images_exist_and_are_pngs():
    images = re.findall(r"(docs/img/[\w.-]+\.png)", README)
    assert len(set(images)) >= 2, "the README shows the hint card and the popup"
    missing = sorted(image for image in set(images) if not (ROOT / image).is_file())
    assert not missing, f"README shows images that do not exist: {missing}"
    for image in set(images):
        data = (ROOT / image).read_bytes()
        assert data[:8] == PNG_SIGNATURE, f"{image} is not a PNG"
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
        assert width >= 200 and height >= 200, f"{image} is {width}x{height}"


def test_readme_links_to_files_that_exist():
    links = re.findall(r"\]\(((?:docs/)[^)#]+)\)", README)
    assert links
    missing = [link for link in links if not (ROOT / link).is_file()]
    assert not missing


# ------------------------------------------------------------------------------------------- build.py


def test_build_py_help_lists_the_commands_the_team_agreed_on():
    assert {"build", "install", "uninstall", "doctor", "demo", "test"} <= build_py_commands()


def test_every_build_py_command_in_readme_is_real():
    shown = commands(README, "build.py")
    names = {words[0] for words in shown if words and not words[0].startswith("-")}
    assert {"install", "test", "uninstall", "doctor", "demo"} <= names, names
    unknown = names - build_py_commands()
    assert not unknown, f"README shows build.py commands that do not exist: {unknown}"


def test_every_build_py_option_in_readme_is_accepted():
    shown = [w for w in commands(README, "build.py") if w and w[0] in build_py_commands()]
    checked = 0
    for words in shown:
        accepted = help_text("build.py", words[0])
        for option in options(words[1:]):
            assert re.search(rf"{re.escape(option)}\b", accepted), f"build.py {words[0]} has no {option}"
            checked += 1
    assert checked >= 3  # --browser, --user-data-dir, --headless, --screenshot...


# ------------------------------------------------------------------------------------------- rapport CLI


def test_rapport_help_lists_its_commands():
    assert {"check", "rules", "eval", "host"} <= rapport_commands()


def test_every_rapport_command_in_readme_is_real():
    shown = commands(README, "rapport")
    names = {words[0] for words in shown if words}
    assert {"check", "rules"} <= names, names
    unknown = names - rapport_commands()
    assert not unknown, f"README shows rapport commands that do not exist: {unknown}"
    for words in (w for w in shown if w):
        accepted = help_text("-m", "rapport", words[0])
        for option in options(words[1:]):
            assert re.search(rf"{re.escape(option)}\b", accepted), f"rapport {words[0]} has no {option}"


def test_readme_benchmark_command_is_real():
    shown = commands(README, "bench/run.py")
    assert shown, "the Benchmarks section names bench/run.py"
    accepted = help_text("bench/run.py")
    for words in shown:
        for option in options(words):
            assert option in accepted


# ------------------------------------------------------------------------------------------- protocol.md


def table_rows(section: str, first_column: str) -> list[list[str]]:
    """Rows of the markdown tables in the part of protocol.md that starts at heading `section`."""
    part = PROTOCOL.split(section, 1)[1]
    part = re.split(r"^#{2,3} ", part, maxsplit=1, flags=re.MULTILINE)[0]
    rows = []
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] != first_column and not set(cells[0]) <= {"-", ":"}:
            rows.append(cells)
    return rows


def test_error_code_table_matches_the_host():
    documented = {int(row[0]): row[1].strip("`") for row in table_rows("## Errors", "code")}
    assert documented == {int(code): code.name.lower() for code in Code}


def test_error_codes_in_replies_are_the_documented_names():
    reply = Dispatcher().handle({"id": 1, "type": "no-such-type"})
    error = reply["error"]
    assert (error["code"], error["name"]) == (int(Code.UNKNOWN_TYPE), "unknown_type")
    assert f"| {error['code']} | `{error['name']}` |" in PROTOCOL


def test_exit_code_table_matches_the_host():
    documented = {int(row[0]) for row in table_rows("### End of input and exit codes", "exit")}
    defined = {server.EXIT_OK, server.EXIT_DESYNC, server.EXIT_TRUNCATED, server.EXIT_OUTPUT_CLOSED}
    assert documented == defined | {130}  # 130: KeyboardInterrupt in rapport.host.main


def test_message_types_match_the_dispatch_table():
    documented = {row[0].strip("`") for row in table_rows("## Requests and replies", "type")}
    assert documented == set(HANDLERS)


def test_hello_reply_has_the_documented_fields():
    result = Dispatcher().handle({"id": 1, "type": "hello"})["result"]
    row = next(r for r in table_rows("## Requests and replies", "type") if r[0] == "`hello`")
    documented = set(re.findall(r'"(\w+)"', row[2]))
    assert documented == set(result) | set(result["limits"])
    assert result["capabilities"] == sorted(HANDLERS)


@pytest.mark.parametrize(
    "value",
    [MAX_REQUEST_FRAME, MAX_REPLY_FRAME, MAX_TEXT_UTF16],
)
def test_limits_in_protocol_md_are_the_host_constants(value):
    assert f"{value:,}" in PROTOCOL


def test_other_limits_in_protocol_md():
    assert f"over {MAX_SKIPPABLE_FRAME // (1024 * 1024)} MiB" in PROTOCOL
    assert f"at most {MAX_ID_LENGTH} characters" in PROTOCOL
