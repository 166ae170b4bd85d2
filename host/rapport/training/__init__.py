"""Training and honest evaluation of the learned scorer (`rapport train`, `rapport eval`).

Needs the `train` extra (scikit-learn). The host never imports this package: the frozen binary reads the
model file it writes (rapport/analyzer/data/model.json) with rapport.analyzer.model, in pure Python.
"""
