"""Where a text is written (Context) and how strictly to judge it (Options), parsed from untrusted JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SITES = ("linkedin", "x")
SURFACES = ("post", "comment", "message", "invite_note")
SENSITIVITIES = ("low", "normal", "high")


class InvalidField(ValueError):
    """A request field has the wrong type or value; `field` names it (e.g. "context.surface")."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


@dataclass(frozen=True, slots=True)
class Context:
    site: str = "linkedin"
    surface: str = "post"
    first_contact: bool = False

    @property
    def is_first_contact(self) -> bool:
        return self.first_contact or self.surface == "invite_note"

    @classmethod
    def from_dict(cls, data: Any) -> Context:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise InvalidField("context", "must be an object")
        site = _choice(data, "site", SITES, "linkedin", "context")
        surface = _choice(data, "surface", SURFACES, "post", "context")
        first = data.get("first_contact", False)
        if not isinstance(first, bool):
            raise InvalidField("context.first_contact", "must be true or false")
        return cls(site=site, surface=surface, first_contact=first)


@dataclass(frozen=True, slots=True)
class Options:
    sensitivity: str = "normal"
    disabled_rules: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_dict(cls, data: Any) -> Options:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise InvalidField("options", "must be an object")
        sensitivity = _choice(data, "sensitivity", SENSITIVITIES, "normal", "options")
        disabled = data.get("disabled_rules", [])
        if not isinstance(disabled, list) or not all(isinstance(r, str) for r in disabled):
            raise InvalidField("options.disabled_rules", "must be a list of rule ids")
        return cls(sensitivity=sensitivity, disabled_rules=frozenset(disabled))


def _choice(data: dict[str, Any], key: str, allowed: tuple[str, ...], default: str, where: str) -> str:
    value = data.get(key, default)
    if value not in allowed:
        raise InvalidField(f"{where}.{key}", f"must be one of {', '.join(allowed)}")
    return value
