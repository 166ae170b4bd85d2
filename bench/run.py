"""Run every benchmark: each `bench/bench_*.py` module's `main()`, in one process, printing every table.

    python bench/run.py [--quick] [NAME ...]

`--quick` gives smaller runs (also exported as RAPPORT_BENCH_QUICK=1 for modules whose main() takes no
arguments); NAMEs (e.g. `host`) pick modules. A module that fails is reported and the others still run; the
exit code is non-zero if any failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover(names: list[str]) -> list[Path]:
    modules = sorted(HERE.glob("bench_*.py"))
    if names:
        modules = [m for m in modules if m.stem.removeprefix("bench_") in names or m.stem in names]
    return modules


def run_module(path: Path, quick: bool) -> bool:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    main = module.main
    takes_argv = bool(inspect.signature(main).parameters)
    result = main(["--quick"] if quick else []) if takes_argv else main()
    return result in (None, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every bench/bench_*.py benchmark.")
    parser.add_argument("--quick", action="store_true", help="smaller runs, for a quick look")
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. host analyzer)")
    args = parser.parse_args(argv)
    if args.quick:
        os.environ["RAPPORT_BENCH_QUICK"] = "1"
    sys.path.insert(0, str(HERE))
    failed: list[str] = []
    modules = discover(args.names)
    if not modules:
        print("no benchmarks matched", file=sys.stderr)
        return 2
    for path in modules:
        print(f"\n=== {path.name} ===", flush=True)
        started = time.perf_counter()
        try:
            ok = run_module(path, args.quick)
        except Exception:
            traceback.print_exc()
            ok = False
        print(
            f"--- {path.name}: {'done' if ok else 'FAILED'} in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        if not ok:
            failed.append(path.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
