"""Rendering a call's changes into a digest: Markdown for chat, HTML for email, plain text elsewhere.

Templates are files (`alerts/templates/digest.{md,html,txt}.j2`); a user overrides any of them by
putting a file of the same name in `alerts.templates_dir`. HTML escapes the transcript's text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from alerts.errors import TemplateError
from alerts.severity import rank

BUILT_IN = Path(__file__).resolve().parent / "templates"
_SUFFIX = {"markdown": "md", "html": "html", "text": "txt"}


def title_of(call: Mapping[str, Any], changes: Sequence[Mapping[str, Any]]) -> str:
    """The message title: the company, the period and the most severe change."""
    top = max(changes, key=lambda change: rank(change["severity"]))
    return f"{call['ticker']} Q{call['fiscal_quarter']} {call['fiscal_year']}: {top['summary']}"


def render(call: Mapping[str, Any], previous: Mapping[str, Any], changes: Sequence[Mapping[str, Any]], *,
           body_format: str, templates_dir: Path | None = None) -> tuple[str, str]:
    """(title, body) of the digest, most severe changes first.

    Raises:
        TemplateError: a template cannot be loaded or rendered.
    """
    ordered = sorted(changes, key=lambda change: (-rank(change["severity"]), change["id"]))
    name = f"digest.{_SUFFIX[body_format]}.j2"
    search = [str(templates_dir)] if templates_dir else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(BUILT_IN)]),
        autoescape=body_format == "html", undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=False,
    )
    try:
        body = environment.get_template(name).render(call=call, previous=previous, changes=ordered)
    except jinja2.TemplateError as error:
        raise TemplateError(name, str(error)) from None
    return title_of(call, ordered), body.strip() + "\n"
