"""`rapport train` and `rapport eval`: what the command line runs (needs the train extra, except
`eval --shipped`)."""

from __future__ import annotations

import hashlib
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from rapport.analyzer.evaluation import CorpusError, evaluate_shipped, format_tables, load_corpus
from rapport.training import corpus

MODEL_PATH = Path(__file__).resolve().parents[1] / "analyzer" / "data" / "model.json"


def _need_sklearn() -> None:
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise CorpusError(
            "training needs scikit-learn: install the train extra (.venv/bin/pip install -e '.[train]')"
        ) from exc


def _corpora(path: Path, invented: bool) -> tuple[list[corpus.Example], list[corpus.Example]]:
    real = corpus.load(path, real=True)
    if not real:
        raise CorpusError(f"{path}: no labelled texts")
    extra = corpus.load(corpus.INVENTED, real=False) if invented else []
    return real, extra


def run_train(path: Path, out: Path, seed: int, invented: bool) -> int:
    _need_sklearn()
    from rapport.training import fit

    started = time.perf_counter()
    real, extra = _corpora(path, invented)
    examples = real + extra
    names = fit.featurize(examples)
    settings = replace(fit.Settings(), seed=seed)
    meta = {
        "corpus": path.name,
        "corpus_sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:16],
        "invented": len(extra),
        "real": len(real),
        "groups": len({ex.group for ex in real}),
    }
    data = fit.fit(examples, names, settings, meta)
    out.write_bytes(fit.dump(data))
    took = time.perf_counter() - started
    print(f"trained on {len(real)} real texts from {meta['groups']} sources (+{len(extra)} invented)")
    for verdict, head in data["heads"].items():
        print(f"  {verdict:<11} thresholds low/normal/high {head['thresholds']}")
    print(
        f"  {data['meta']['features']} features; wrote {out} ({out.stat().st_size:,} bytes) in {took:.1f} s"
    )
    return 0


def run_eval(
    path: Path, folds: int, by_source: bool, shipped: bool, sensitivity: str, as_json: bool, invented: bool
) -> int:
    if shipped:
        ev = evaluate_shipped(load_corpus(str(path)), sensitivity)
        if as_json:
            print(json.dumps({"mode": "shipped", "sensitivity": sensitivity, **ev.to_dict()}, indent=2))
        else:
            print(format_tables(ev, f"shipped model on {path.name}, sensitivity {sensitivity}"))
        return 0
    _need_sklearn()
    from rapport.training import crossval, fit

    real, extra = _corpora(path, invented)
    real_names, extra_names = fit.featurize(real), fit.featurize(extra)
    settings = fit.Settings()
    groups = len({ex.group for ex in real})
    cv = crossval.grouped_cv(real, real_names, settings, folds, extra, extra_names)
    loso = (
        crossval.leave_one_source_out(real, real_names, settings, extra, extra_names) if by_source else None
    )
    if as_json:
        out = {"mode": "grouped_cv", "folds": folds, "groups": groups, "texts": len(real)}
        out["sensitivities"] = {s: e.to_dict() for s, e in cv.items()}
        if loso:
            out["leave_one_source_out"] = loso.to_dict()
        print(json.dumps(out, indent=2))
        return 0
    head = f"{len(real)} real texts from {groups} sources, {folds} folds grouped by source"
    if extra:
        head += f" (+{len(extra)} invented texts in every training fold, never measured)"
    print(head)
    print(format_tables(cv[sensitivity], f"\nsensitivity {sensitivity}"))
    for s, e in cv.items():
        if s != sensitivity:
            o = e.overall
            print(
                f"sensitivity {s:<7} pitchy F1 {o.confusion['pitchy'].f1:.3f}  impersonal F1 "
                f"{o.confusion['impersonal'].f1:.3f}  false alarms {o.false_alarm_rate:.1%}"
            )
    if loso:
        print(
            format_tables(loso, "\nleave one source out (normal)", "each source, trained on all the others")
        )
    return 0


def main_train(args) -> int:
    try:
        return run_train(Path(args.corpus), Path(args.out), args.seed, not args.no_invented)
    except CorpusError as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 2


def main_eval(args) -> int:
    try:
        return run_eval(
            Path(args.corpus),
            args.folds,
            args.by_source,
            args.shipped,
            args.sensitivity,
            args.json,
            not args.no_invented,
        )
    except CorpusError as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 2
