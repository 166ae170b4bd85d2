"""Rapport's rules, one family a file: `<family>.toml` holds the rules as data, `<family>.py` the functions
of its `kind = "logic"` rules. Importing this package registers those functions (rapport.analyzer.rule)."""

from rapport.rules import first_contact, impersonal, pitch, readability, signal

__all__ = ["first_contact", "impersonal", "pitch", "readability", "signal"]
