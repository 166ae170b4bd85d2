"""The `rapport` command line: check texts, list rules, evaluate on a labelled corpus, run the native host."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from rapport.context import SENSITIVITIES, SITES, SURFACES, Context, InvalidField, Options
from rapport.product import NAME, VERSION

_TOP = Path(__file__).resolve().parents[2]
_REAL_CORPUS = _TOP / "tests" / "data" / "real" / "corpus.jsonl"
_MODEL = Path(__file__).resolve().parent / "analyzer" / "data" / "model.json"


class UsageError(Exception):
    """Bad input from the user: printed as one clear line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rapport", description=f"{NAME} {VERSION}: coaches writing away from pitch."
    )
    p.add_argument("--version", action="version", version=f"{NAME} {VERSION}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="analyse a text (argument, --file, or stdin)")
    check.add_argument("text", nargs="?", help="the text; read from stdin when omitted")
    check.add_argument("--file", "-f", help="read the text (or, with --jsonl, the batch) from this file")
    out = check.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the report as JSON")
    out.add_argument("--jsonl", action="store_true", help='batch: one {"id","text",...} per input line')
    _context_args(check)
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    rules = sub.add_parser("rules", help="list the rules with their messages and advice")
    fmt = rules.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--markdown", action="store_true", help="the rule reference (docs/rules.md)")

    ev = sub.add_parser(
        "eval", help="precision, recall and F1 under cross-validation grouped by source (train extra)"
    )
    ev.add_argument("corpus", nargs="?", default=str(_REAL_CORPUS), help="labelled JSONL (the real corpus)")
    ev.add_argument("--folds", type=int, default=5, help="source-grouped folds (default 5)")
    ev.add_argument("--by-source", action="store_true", help="also leave one source out at a time")
    ev.add_argument("--shipped", action="store_true", help="measure the shipped model as is, no training")
    ev.add_argument("--sensitivity", choices=SENSITIVITIES, default="normal")
    ev.add_argument("--no-invented", action="store_true", help="train without the invented corpus")
    ev.add_argument("--json", action="store_true")

    tr = sub.add_parser("train", help="train the scorer on the real corpus and write the model (train extra)")
    tr.add_argument("corpus", nargs="?", default=str(_REAL_CORPUS), help="labelled JSONL (the real corpus)")
    tr.add_argument("--out", default=str(_MODEL), help="where to write the model file")
    tr.add_argument("--seed", type=int, default=0)
    tr.add_argument("--no-invented", action="store_true", help="train without the invented corpus")

    host = sub.add_parser("host", help="run the native-messaging host (started by the browser)")
    host.add_argument("args", nargs=argparse.REMAINDER)
    return p


def _context_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", choices=SITES, default="linkedin")
    p.add_argument("--surface", choices=SURFACES, default="post")
    p.add_argument("--first-contact", action="store_true", help="a first message to someone")
    p.add_argument("--sensitivity", choices=SENSITIVITIES, default="normal")
    p.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="disable a rule (repeatable)"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["host"]:
        try:
            from rapport.host import main as host_main  # imported lazily: the CLI must stay fast
        except ImportError as exc:
            print(f"rapport: the native host is not available: {exc}", file=sys.stderr)
            return 2
        return host_main(argv[1:])
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "eval":
            from rapport.training.commands import main_eval

            return main_eval(args)
        if args.command == "train":
            from rapport.training.commands import main_train

            return main_train(args)
    except UsageError as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    return 2


# --- check -----------------------------------------------------------------------------------------------


def _read_bytes(args: argparse.Namespace) -> bytes:
    if args.file:
        try:
            with open(args.file, "rb") as fh:
                return fh.read()
        except OSError as exc:
            raise UsageError(f"cannot read {args.file}: {exc.strerror}") from exc
    if args.text is not None:
        return args.text.encode("utf-8", "surrogateescape")
    if sys.stdin.isatty():
        print("Type or paste the text, then Ctrl-D.", file=sys.stderr)
    return sys.stdin.buffer.read()


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{where} is not valid UTF-8 (bad byte at offset {exc.start})") from exc


def _check(args: argparse.Namespace) -> int:
    from rapport.analyzer import explain

    known = _rule_ids()
    unknown = [r for r in args.disable if r not in known]
    if unknown:
        raise UsageError(f"unknown rule {unknown[0]!r} (see `rapport rules`)")
    options = Options(sensitivity=args.sensitivity, disabled_rules=frozenset(args.disable))
    context = Context(site=args.site, surface=args.surface, first_contact=args.first_contact)
    if args.jsonl:
        return _check_batch(args, context, options)
    text = _decode(_read_bytes(args), args.file or ("the argument" if args.text is not None else "stdin"))
    if args.text is None and not args.file and text.endswith("\n"):
        text = text[:-1]  # the newline that ends piped input is not part of the text
    report, analysis = explain(text, context, options)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        from rapport.analyzer.terminal import render

        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        sys.stdout.write(render(text, report, analysis, color=color))
    return 0


def _rule_ids() -> set[str]:
    from rapport.analyzer import rule_catalog

    return {r["id"] for r in rule_catalog()}


def _batch_lines(args: argparse.Namespace) -> Iterator[bytes]:
    if args.file:
        try:
            fh = open(args.file, "rb")  # noqa: SIM115 - closed below, streamed line by line
        except OSError as exc:
            raise UsageError(f"cannot read {args.file}: {exc.strerror}") from exc
        with fh:
            yield from fh
    elif args.text is not None:
        yield from args.text.encode("utf-8", "surrogateescape").splitlines()
    else:
        yield from sys.stdin.buffer


def _check_batch(args: argparse.Namespace, context: Context, options: Options) -> int:
    from rapport.analyzer import analyze

    total = _count_lines(args.file) if args.file else 0
    progress = _Progress(sys.stderr, total) if sys.stderr.isatty() else None
    bad = 0
    out = sys.stdout
    for lineno, raw in enumerate(_batch_lines(args), 1):
        if not raw.strip():
            continue
        try:
            item = _batch_item(raw, lineno)
            ctx = _item_context(item, context, lineno)
            report = analyze(item["text"], ctx, options).to_dict()
            row: dict[str, Any] = {"id": item.get("id"), **report}
        except UsageError as exc:
            bad += 1
            row = {"id": _safe_id(raw), "line": lineno, "error": str(exc)}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if progress:
            progress.step()
    if progress:
        progress.done()
    if bad:
        print(f"rapport: {bad} bad line(s); see the error objects in the output", file=sys.stderr)
    return 1 if bad else 0


def _batch_item(raw: bytes, lineno: int) -> dict[str, Any]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"line {lineno}: not valid UTF-8 (bad byte at column {exc.start + 1})") from exc
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise UsageError(f"line {lineno}: not JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(item, dict):
        raise UsageError(f"line {lineno}: expected a JSON object")
    if not isinstance(item.get("text"), str):
        raise UsageError(f'line {lineno}: missing "text" (a string)')
    return item


def _item_context(item: dict[str, Any], default: Context, lineno: int) -> Context:
    fields = {k: item[k] for k in ("site", "surface", "first_contact") if k in item}
    if not fields:
        return default
    merged = {
        "site": default.site,
        "surface": default.surface,
        "first_contact": default.first_contact,
        **fields,
    }
    try:
        return Context.from_dict(merged)
    except InvalidField as exc:
        raise UsageError(f"line {lineno}: {exc}") from exc  # the message names the field


def _safe_id(raw: bytes) -> Any:
    try:
        item = json.loads(raw)
        return item.get("id") if isinstance(item, dict) else None
    except (ValueError, UnicodeDecodeError):
        return None


def _count_lines(path: str) -> int:
    try:
        with open(path, "rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return 0


class _Progress:
    """A one-line progress bar on stderr (only when it is a terminal)."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream, self.total, self.n = stream, total, 0

    def step(self) -> None:
        self.n += 1
        if self.n % 50 and self.n != self.total:
            return
        if self.total:
            width = 30
            filled = width * self.n // self.total
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.n}/{self.total}")
        else:
            self.stream.write(f"\r{self.n} texts")
        self.stream.flush()

    def done(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


# --- rules -----------------------------------------------------------------------------------------------


def _rules(args: argparse.Namespace) -> int:
    from rapport.analyzer import RULESET_VERSION, rule_catalog

    rules = rule_catalog()
    if args.markdown:
        from rapport.analyzer.docs import rules_markdown

        sys.stdout.write(rules_markdown())
        return 0
    if args.json:
        print(json.dumps({"ruleset": RULESET_VERSION, "rules": rules}, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(rules)} rules (ruleset {RULESET_VERSION})\n")
    for r in rules:
        print(f"{r['id']}  [{r['category']}, {r['severity']}]")
        print(f"    {r['message']}")
        print(f"    Advice: {r['advice']}\n")
    return 0
