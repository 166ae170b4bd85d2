"""Installing the native host for the user's browsers: where each browser looks on each OS (`browsers`),
the host manifests (`manifests`), the Windows registry (`registry`), what was written (`receipt`),
install/uninstall (`installer`), checks (`doctor`, `probe`) and a try-it-out browser session (`demo`).

build.py drives these; the frozen host never imports them.
"""
