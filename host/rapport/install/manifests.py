"""Render the Jinja2 templates in manifest/ with the product's identity, from rapport.product (one source)."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from rapport import product

HOST_TEMPLATES = {"chrome": "host-chrome.json.j2", "firefox": "host-firefox.json.j2"}


def variables(browser: str) -> dict:
    """Template variables: the same names in every template (see docs/build.md)."""
    return {
        "browser": browser,
        "name": product.NAME,
        "version": product.VERSION,
        "description": product.DESCRIPTION,
        "extension_key": product.EXTENSION_KEY,
        "gecko_id": product.GECKO_ID,
        "host_name": product.HOST_NAME,
        "extension_id": product.EXTENSION_ID,
    }


def render(templates: Path, name: str, browser: str, **extra) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    return env.get_template(name).render(**variables(browser), **extra)


def host_manifest(templates: Path, kind: str, host_path: str) -> dict:
    """The native-host manifest for a browser family ("chrome" or "firefox") pointing at `host_path`."""
    text = render(templates, HOST_TEMPLATES[kind], browser=kind, host_path=host_path)
    return json.loads(text)


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, indent=2) + "\n"
