#!/usr/bin/env python3
"""Build, install and test Rapport from a fresh clone.

    python3 build.py [build]     venv + freeze the host + render manifests + package dist/
    python3 build.py install     build if needed, register the host for this OS's browsers
    python3 build.py uninstall   remove exactly what install wrote
    python3 build.py doctor      check every registration, spawn the host, say how to fix problems
    python3 build.py demo        try the extension on the test fixture pages in Chromium
    python3 build.py test [ARGS] build everything, then run pytest (ARGS go to pytest)

Only the standard library is used until the virtual environment exists; then the script re-runs inside it.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
DIST = ROOT / "dist"
WORK = ROOT / "build"
MANIFESTS = ROOT / "manifest"
EXTENSION = ROOT / "extension"
FIREFOX_TESTS = ROOT / "tests" / "firefox"
EDITORS = ROOT / "tests" / "fixtures" / "editors"
WINDOWS = os.name == "nt"
HOST_DIR = DIST / "host" / "rapport-host"
HOST_EXE = HOST_DIR / ("rapport-host.exe" if WINDOWS else "rapport-host")
ENTRY = ROOT / "host" / "rapport" / "_pyinstaller" / "entry.py"
WEB_EXT_VERSIONS = {20: "10.7.0", 18: "8.10.0"}  # newest web-ext for Node >= 20, and for Debian 12's Node 18

# Everything that changes the frozen binary apart from the sources and installed packages.
FREEZE_ARGS = [
    "--noconfirm",
    "--onedir",
    "--console",
    "--noupx",
    "--name",
    "rapport-host",
    "--exclude-module",
    "tkinter",
    "--exclude-module",
    "rapport.install",
    "--exclude-module",
    "jinja2",
    # The trainer and its numeric stack: the host scores with the model file in pure Python.
    "--exclude-module",
    "rapport.training",
    "--exclude-module",
    "sklearn",
    "--exclude-module",
    "scipy",
    "--exclude-module",
    "numpy",
    # Never imported at run time (rapport.readability shims textstat's nltk use), but once collected their
    # runtime hooks import nltk and pkg_resources at every start: ~300 ms before the first reply.
    "--exclude-module",
    "nltk",
    "--exclude-module",
    "pkg_resources",
    "--exclude-module",
    "setuptools",
    "--log-level",
    "WARN",
]
EXTRAS_ALL = ["build", "train", "test", "bench", "dev"]


class BuildError(Exception):
    """A step failed; the message says what and how to fix it."""


def say(message: str) -> None:
    print(message, flush=True)


# ---------------------------------------------------------------- bootstrap (standard library only)


def in_venv() -> bool:
    return sys.prefix != sys.base_prefix


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def bootstrap(extras: list[str]) -> None:
    """Outside a virtual environment: create .venv, then re-run this command inside it."""
    if in_venv() or os.environ.get("RAPPORT_NO_VENV"):
        return
    if sys.version_info < (3, 11):  # noqa: UP036 (build.py may be started by an older python3)
        raise BuildError(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    if not venv_python().exists():
        say(f"creating virtual environment {VENV}")
        clear = ["--clear"] if VENV.exists() else []  # a broken .venv (e.g. its Python was removed)
        made = subprocess.run(
            [sys.executable, "-m", "venv", *clear, str(VENV)], capture_output=True, text=True
        )
        if made.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            raise BuildError(
                "could not create .venv: "
                + (made.stderr.strip().splitlines() or ["?"])[-1]
                + "\n  fix (Debian/Ubuntu): sudo apt-get install python3-venv"
            )
    argv = [str(venv_python()), str(ROOT / "build.py"), *sys.argv[1:]]
    sys.stdout.flush()
    if WINDOWS:
        raise SystemExit(subprocess.call(argv))
    os.execv(argv[0], argv)


def file_digest(paths: list[Path], extra: str = "") -> str:
    """sha256 over the names and contents of `paths` (files, or folders walked without caches)."""
    h = hashlib.sha256(extra.encode())
    for top in paths:
        files = (
            [top]
            if top.is_file()
            else sorted(p for p in top.rglob("*") if p.is_file())
            if top.exists()
            else []
        )
        for f in files:
            if "__pycache__" in f.parts or "node_modules" in f.parts or f.suffix == ".pyc":
                continue
            if any(part.endswith(".egg-info") for part in f.parts):
                continue
            name = f.relative_to(ROOT) if f.is_relative_to(ROOT) else f
            h.update(str(name).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def write_stamp(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))


@contextlib.contextmanager
def build_lock():
    """One build at a time in this tree (tests and people may start builds concurrently)."""
    WORK.mkdir(exist_ok=True)
    with open(WORK / ".lock", "w") as handle:
        if WINDOWS:
            import msvcrt

            while True:  # LK_LOCK gives up after 10 s; keep waiting like flock does
                with contextlib.suppress(OSError):
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


# ---------------------------------------------------------------- steps


class Steps:
    """Runs named steps, printing progress and the time each took; a failure names its step."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def run(self, name: str, func, *args):
        say(f"==> {name}")
        t0 = time.perf_counter()
        try:
            note = func(*args)
        except (BuildError, OSError) as exc:
            raise BuildError(f"step '{name}' failed: {exc}") from None
        say(f"    {note or 'done'} ({time.perf_counter() - t0:.1f} s)")
        return note

    def total(self) -> float:
        return time.perf_counter() - self.started


def step_install_package(extras: list[str]) -> str:
    """pip install -e .[extras] into the venv, skipped when pyproject and the extras are unchanged."""
    stamp_file = Path(sys.prefix) / "rapport-install.json"
    digest = file_digest([ROOT / "pyproject.toml"], sys.version)
    stamp = read_stamp(stamp_file)
    if stamp.get("digest") == digest and set(extras) <= set(stamp.get("extras", [])):
        return "reused (pyproject.toml unchanged)"
    wanted = sorted(set(extras) | (set(stamp.get("extras", [])) if stamp.get("digest") == digest else set()))
    spec = f".[{','.join(wanted)}]"
    cmd = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", spec]
    if subprocess.run(cmd, cwd=ROOT).returncode != 0:
        raise BuildError(f"pip install -e {spec} failed (see pip's output above)")
    write_stamp(stamp_file, {"digest": digest, "extras": wanted})
    return f"installed {spec}"


def installed_versions() -> str:
    from importlib import metadata

    names = {f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()}
    return "\n".join(sorted(names))


def step_freeze() -> str:
    """PyInstaller onedir build of the host, skipped when sources, pyproject and packages are unchanged."""
    stamp_file = DIST / "host" / "rapport-host.stamp.json"
    digest = file_digest(
        [ROOT / "host", ROOT / "pyproject.toml"], "\n".join([sys.version, *FREEZE_ARGS, installed_versions()])
    )
    if HOST_EXE.exists() and read_stamp(stamp_file).get("digest") == digest:
        return "reused (host/, pyproject.toml and installed packages unchanged)"
    stamp_file.unlink(missing_ok=True)
    spec_dir = WORK / "pyinstaller"
    spec_dir.mkdir(parents=True, exist_ok=True)
    log = spec_dir / "pyinstaller.log"
    cmd = [sys.executable, "-m", "PyInstaller", *FREEZE_ARGS]
    cmd += [
        "--distpath",
        str(DIST / "host"),
        "--workpath",
        str(spec_dir),
        "--specpath",
        str(spec_dir),
        str(ENTRY),
    ]
    with open(log, "w") as out:
        code = subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT).returncode
    if code != 0 or not HOST_EXE.exists():
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-25:])
        raise BuildError(f"PyInstaller exited with {code}; last lines of {log}:\n{tail}")
    write_stamp(stamp_file, {"digest": digest})
    return f"froze {HOST_EXE.relative_to(ROOT)} ({dir_size(HOST_DIR) / 1e6:.0f} MB)"


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def step_check_host() -> str:
    """The frozen binary must answer hello, or the build is broken."""
    from rapport.install.probe import ProbeError, hello
    from rapport.product import CHROME_ORIGIN, PROTOCOL_VERSION

    try:
        reply = hello([str(HOST_EXE), CHROME_ORIGIN])
    except ProbeError as exc:
        raise BuildError(f"the frozen host does not answer hello: {exc}") from None
    result = reply.message.get("result") or {}
    if not reply.message.get("ok") or result.get("protocol") != PROTOCOL_VERSION:
        raise BuildError(f"the frozen host answered hello with {reply.message!r}")
    return f"answers hello in {reply.seconds * 1000:.0f} ms (version {result.get('version')})"


# The extension's entry points (ES modules) and the files copied as they are; esbuild bundles each entry with
# everything it imports into one classic script at the same path (content scripts and Chrome's service
# worker load classic scripts).
EXTENSION_ENTRIES = ("background/background.js", "content/main.js", "popup/popup.js", "options/options.js")
EXTENSION_STATIC = (
    "icons/*.png",
    "icons/*.svg",
    "popup/*.html",
    "popup/*.css",
    "options/*.html",
    "options/*.css",
)
EXTENSION_STATIC += ("shared/*.css",)
BROWSER_TARGETS = {"chrome": "chrome116", "firefox": "firefox140"}


def npm_install(folder: Path, what: str) -> None:
    """npm ci in `folder` when its node_modules is missing or older than its package-lock.json."""
    npm = shutil.which("npm")
    if not npm:
        raise BuildError(
            f"npm is missing ({what}); install Node.js 18+ (Debian: apt-get install -y nodejs npm)"
        )
    installed = folder / "node_modules" / ".package-lock.json"  # npm writes it on every install
    lock = folder / "package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    if subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=folder).returncode != 0:
        raise BuildError(f"npm ci failed in {folder}")


def _render_extension_templates(render, browser: str) -> dict[str, str]:
    """manifest.json and product.js for `browser`, rendered from manifest/ and checked."""
    out = {}
    for template, target in (("extension.json.j2", "manifest.json"), ("product.js.j2", "product.js")):
        try:
            out[target] = render(MANIFESTS, template, browser=browser)
        except Exception as exc:  # a template error is a build error, whatever Jinja calls it
            raise BuildError(f"rendering manifest/{template} for {browser}: {exc}") from None
    try:
        json.loads(out["manifest.json"])
    except ValueError as exc:
        raise BuildError(f"manifest/extension.json.j2 renders invalid JSON for {browser}: {exc}") from None
    return out


def step_extension() -> str:
    """dist/chrome and dist/firefox: the bundled entry points, the static files, and the manifest.json and
    shared/product.js rendered from manifest/."""
    from rapport.install.manifests import render

    stamp_file = DIST / "extension.stamp.json"
    sources = [p for p in EXTENSION.iterdir() if p.name not in ("node_modules", "test")]
    digest = file_digest([*sources, MANIFESTS, ROOT / "host" / "rapport" / "product.py"])
    outputs = [DIST / "chrome" / "manifest.json", DIST / "firefox" / "manifest.json"]
    outputs += [DIST / "rapport-chrome.zip", DIST / "rapport-firefox.xpi"]
    if all(p.exists() for p in outputs) and read_stamp(stamp_file).get("digest") == digest:
        return "reused (extension/ and manifest/ unchanged)"
    browsers = (("chrome", "rapport-chrome.zip"), ("firefox", "rapport-firefox.xpi"))
    rendered = {browser: _render_extension_templates(render, browser) for browser, _ in browsers}
    if not (EXTENSION / "package.json").exists():
        raise BuildError(f"{EXTENSION}/package.json is missing")
    npm_install(EXTENSION, "to bundle the extension with esbuild")
    esbuild = EXTENSION / "node_modules" / ".bin" / ("esbuild.cmd" if WINDOWS else "esbuild")
    stamp_file.unlink(missing_ok=True)
    ignore = shutil.ignore_patterns(".*", "node_modules", "test", "*.j2")
    for browser, package in browsers:
        staged = WORK / "extension" / browser  # the sources plus the rendered shared/product.js
        out = DIST / browser
        for folder in (staged, out):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(EXTENSION, staged, ignore=ignore)
        (staged / "shared" / "product.js").write_text(rendered[browser]["product.js"], encoding="utf-8")
        cmd = [
            str(esbuild),
            *EXTENSION_ENTRIES,
            "--bundle",
            "--format=iife",
            f"--outdir={out}",
            "--outbase=.",
        ]
        cmd += [f"--target={BROWSER_TARGETS[browser]}", "--charset=utf8", "--legal-comments=none"]
        bundled = subprocess.run(cmd, cwd=staged, capture_output=True, text=True)
        if bundled.returncode != 0:
            raise BuildError(f"esbuild failed for {browser}:\n{bundled.stderr.strip()}")
        for pattern in EXTENSION_STATIC:
            for path in sorted(staged.glob(pattern)):
                target = out / path.relative_to(staged)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
        (out / "manifest.json").write_text(rendered[browser]["manifest.json"], encoding="utf-8")
        write_zip(out, DIST / package)
    write_stamp(stamp_file, {"digest": digest})
    return "bundled dist/chrome and dist/firefox (esbuild); wrote rapport-chrome.zip, rapport-firefox.xpi"


def write_zip(folder: Path, target: Path) -> None:
    """A reproducible zip: sorted entries, fixed timestamps, manifest.json at the root."""
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)


def step_build_json() -> str:
    from rapport import product

    info = {
        "host": str(HOST_EXE),
        "chrome": str(DIST / "chrome"),
        "firefox": str(DIST / "firefox"),
        "chrome_zip": str(DIST / "rapport-chrome.zip"),
        "firefox_xpi": str(DIST / "rapport-firefox.xpi"),
        "extension_id": product.EXTENSION_ID,
        "host_name": product.HOST_NAME,
        "version": product.VERSION,
    }
    (DIST / "build.json").write_text(json.dumps(info, indent=2) + "\n")
    return "wrote dist/build.json"


def build(extras: list[str]) -> None:
    steps = Steps()
    with build_lock():
        steps.run("install the rapport package into the virtual environment", step_install_package, extras)
        steps.run("freeze the host with PyInstaller (onedir)", step_freeze)
        steps.run("check the frozen host answers hello", step_check_host)
        steps.run("render manifests and package the extension", step_extension)
        steps.run("write dist/build.json", step_build_json)
    say(f"build finished in {steps.total():.1f} s: {DIST}")


def build_if_needed(args: argparse.Namespace, extras: list[str]) -> None:
    if getattr(args, "no_build", False) or os.environ.get("RAPPORT_BUILD_DONE"):
        with build_lock():
            step_install_package(extras)
        if not (DIST / "build.json").exists():
            raise BuildError("dist/build.json is missing: run `python3 build.py build` first")
        return
    build(extras)


# ---------------------------------------------------------------- test


def step_editor_fixtures() -> str:
    """npm ci && npm run build in tests/fixtures/editors when its bundles are missing or outdated."""
    if not (EDITORS / "package.json").exists():
        raise BuildError(f"{EDITORS}/package.json is missing")
    stamp_file = EDITORS / "dist" / ".rapport-stamp.json"
    digest = file_digest([p for p in EDITORS.iterdir() if p.name not in ("dist", "node_modules")])
    if read_stamp(stamp_file).get("digest") == digest:
        return "reused (sources and package-lock unchanged)"
    npm_install(EDITORS, "for the editor fixtures of the browser tests")
    npm = shutil.which("npm")
    if subprocess.run([npm, "run", "build"], cwd=EDITORS).returncode != 0:
        raise BuildError(f"npm run build failed in {EDITORS}")
    write_stamp(stamp_file, {"digest": digest})
    return "built the editor bundles"


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def step_chromium() -> str:
    found = find_chromium()
    if found:
        return f"found {found}"
    command = "apt-get install -y chromium"
    if not WINDOWS and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update"], env=env, stdin=subprocess.DEVNULL)
        if (
            subprocess.run(command.split(), env=env, stdin=subprocess.DEVNULL).returncode == 0
            and find_chromium()
        ):
            return f"installed {find_chromium()}"
    raise BuildError(f"Chromium is needed for the browser tests; install it: sudo {command}")


def step_firefox() -> str:
    found = shutil.which("firefox-esr")
    if found:
        return f"found {found}"
    command = "apt-get install -y firefox-esr"
    if not WINDOWS and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update"], env=env, stdin=subprocess.DEVNULL)
        if subprocess.run(command.split(), env=env, stdin=subprocess.DEVNULL).returncode == 0:
            return f"installed {shutil.which('firefox-esr')}"
    raise BuildError(f"Firefox ESR is needed for the browser tests; install it: sudo {command}")


def step_puppeteer() -> str:
    """Puppeteer (puppeteer-core: downloads no browser) for the Firefox tests, from its lockfile."""
    os.environ.setdefault("PUPPETEER_SKIP_DOWNLOAD", "1")
    npm_install(FIREFOX_TESTS, "to drive Firefox with Puppeteer")
    return "tests/firefox/node_modules ready"


def web_ext_version() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        raise BuildError(
            "Node.js and npm are needed to lint the Firefox build (Debian: apt-get install nodejs npm)"
        )
    major = int(
        subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip("v\n").split(".")[0]
    )
    return next(
        version for floor, version in sorted(WEB_EXT_VERSIONS.items(), reverse=True) if major >= floor
    )


def ensure_web_ext() -> Path:
    """web-ext (Mozilla's linter), pinned, in the git-ignored build/tools; installed with npm on first use."""
    version = web_ext_version()
    tools = WORK / "tools" / f"web-ext-{version}"
    web_ext = tools / "node_modules" / ".bin" / ("web-ext.cmd" if WINDOWS else "web-ext")
    if web_ext.exists():
        return web_ext
    tools.mkdir(parents=True, exist_ok=True)
    cmd = [
        shutil.which("npm"),
        "install",
        "--prefix",
        str(tools),
        "--no-audit",
        "--no-fund",
        f"web-ext@{version}",
    ]
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0 or not web_ext.exists():
        raise BuildError(f"npm install web-ext@{version} failed")
    return web_ext


def step_web_ext() -> str:
    return str(ensure_web_ext().relative_to(ROOT))


def run_tests(pytest_args: list[str]) -> int:
    steps = Steps()
    build(EXTRAS_ALL)
    steps.run("build the npm editor fixtures", step_editor_fixtures)
    steps.run("find Chromium for the browser tests", step_chromium)
    steps.run("find Firefox ESR for the browser tests", step_firefox)
    steps.run("install Puppeteer for the Firefox tests", step_puppeteer)
    steps.run("install web-ext for the Firefox lint", step_web_ext)
    env = dict(os.environ, RAPPORT_BUILD_DONE="1")
    cmd = [sys.executable, "-m", "pytest", *pytest_args]
    say(f"==> {' '.join(cmd[2:])}")
    code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    if code == 5:
        say("pytest collected no tests: that is a failure")
    say(f"pytest exited with {code} after {steps.total():.0f} s")
    return code


# ---------------------------------------------------------------- install, uninstall, doctor, demo


def run_install(args: argparse.Namespace) -> int:
    from rapport.install import installer

    info = json.loads((DIST / "build.json").read_text())
    return installer.install_command(
        host=Path(info["host"]),
        templates=MANIFESTS,
        browsers=args.browser,
        system=args.system,
        user_data_dirs=args.user_data_dir,
        chrome_dir=Path(info["chrome"]),
        firefox_xpi=Path(info["firefox_xpi"]),
    )


def run_uninstall(args: argparse.Namespace) -> int:
    from rapport.install import installer

    return installer.uninstall_command(
        browsers=args.browser, system=args.system, user_data_dirs=args.user_data_dir
    )


def run_doctor(args: argparse.Namespace) -> int:
    from rapport.install import doctor

    return doctor.doctor_command(args.browser, args.system, args.user_data_dir, DIST / "build.json")


def run_demo(args: argparse.Namespace) -> int:
    from rapport.install import demo

    Steps().run("build the npm editor fixtures", step_editor_fixtures)
    info = json.loads((DIST / "build.json").read_text())
    return demo.demo_command(
        info,
        templates=MANIFESTS,
        fixtures=ROOT / "tests" / "fixtures",
        browser_path=args.browser_path or find_chromium(),
        headless=args.headless,
        screenshot=args.screenshot,
    )


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("build", help="build everything into dist/ (the default)")
    browsers = ["chrome", "chromium", "brave", "edge", "vivaldi", "firefox"]
    for name, text in (
        ("install", "build if needed, then register the host for your browsers"),
        ("uninstall", "remove exactly what install wrote"),
        ("doctor", "check the registrations and that the host answers"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--browser", action="append", choices=browsers, help="only this browser (repeatable)")
        p.add_argument(
            "--system", action="store_true", help="all users (/etc, /Library, HKLM): needs admin rights"
        )
        p.add_argument(
            "--user-data-dir",
            action="append",
            type=lambda s: Path(s).expanduser().resolve(),
            metavar="DIR",
            help="a Chromium profile started with --user-data-dir DIR (repeatable)",
        )
        if name == "install":
            p.add_argument("--no-build", action="store_true", help="use dist/ as it is")
    demo = sub.add_parser("demo", help="try Rapport in Chromium on the test fixture pages")
    demo.add_argument("--headless", action="store_true", help="no window (use with --screenshot)")
    demo.add_argument("--screenshot", type=Path, metavar="FILE", help="write a PNG of the demo and exit")
    demo.add_argument("--browser-path", help="Chromium or Chrome executable (default: found on PATH)")
    sub.add_parser("test", help="build, then run the whole test suite (extra arguments go to pytest)")
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return args, rest


def main(argv: list[str]) -> int:
    args, rest = parse(argv)
    command = args.command or "build"
    try:
        extras = EXTRAS_ALL if command == "test" else ["build", "test"] if command == "demo" else ["build"]
        bootstrap(extras)
        sys.path.insert(0, str(ROOT / "host"))  # rapport itself, before pip's editable install is visible
        if command == "build":
            build(extras)
            return 0
        if command == "test":
            return run_tests(rest)
        if command in ("install", "demo"):
            build_if_needed(args, extras)
        else:
            with build_lock():
                step_install_package(extras)
        return {"install": run_install, "uninstall": run_uninstall, "doctor": run_doctor, "demo": run_demo}[
            command
        ](args)
    except BuildError as exc:
        say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
