"""Rapport: coaches writers on LinkedIn and X away from sales pitches and impersonal broadcast. Local only."""

from rapport.context import Context, Options
from rapport.findings import Finding, Readability, Report
from rapport.product import VERSION as __version__

__all__ = ["Context", "Finding", "Options", "Readability", "Report", "__version__", "analyze"]


def analyze(
    text: str, context: Context | dict | None = None, options: Options | dict | None = None
) -> Report:
    """Analyse `text` written in `context`; see docs/protocol.md for the report schema."""
    from rapport.analyzer import analyze as _analyze

    if not isinstance(context, Context):
        context = Context.from_dict(context)
    if not isinstance(options, Options):
        options = Options.from_dict(options)
    return _analyze(text, context, options)
