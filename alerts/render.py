"""Rendering a call's changes into a digest: Markdown for chat, HTML for email, plain text elsewhere.

Templates are files (`alerts/templates/digest.{md,html,txt}.j2`, a day's calls in
`daily.{md,html,txt}.j2`, which include them; the email's parts `_style.html.j2` and
`_call.html.j2`); a user overrides any of them by putting a file of the same name in
`alerts.templates_dir`.

Every value a template prints comes from a transcript someone else wrote (quotes, speakers, the
summaries built from them, the call's title), so every value is escaped for the output format, in
built-in and user templates alike (`|safe` opts a value out): it can neither ping anyone
(`<!channel>`, `<@U123>`, `@everyone`) nor make a link (`[text](url)`, a bare URL or domain), nor
start a line of its own. The template's own text is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import markupsafe

from alerts.digest import Digest, evidence, ordered
from alerts.errors import TemplateError
from alerts.severity import rank

BUILT_IN = Path(__file__).resolve().parent / "templates"
_SUFFIX = {"markdown": "md", "html": "html", "text": "txt"}

# A zero-width space: invisible to a reader, but it breaks every mention and link syntax it sits in.
_ZWSP = "\u200b"
# Line breaks and other control characters would let a quote start a forged line: one space each.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069) would make a quote read other than it is.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Where a ZWSP goes: after "@" (`@everyone`, `<@U123>`, `ir@x.com`) and "<" (`<!here>`, `<#C1>`); after
# the ":" of `scheme://`; after a dot between a letter or digit and a letter (`evil.example`, `www.x`,
# not `15.5`), so no linkifier sees a domain; between `]` and `(` of a Markdown link.
_DEFANG = re.compile(r"(?<=[@<])|(?<=[A-Za-z0-9+.-]:)(?=//)|(?<=[A-Za-z0-9]\.)(?=[A-Za-z])|(?<=\])(?=\()")
# CommonMark's inline syntax: a backslash before each makes it a literal character; apprise turns the
# escapes into each chat service's own (Slack: `\<` becomes `&lt;`).
_MARKDOWN = re.compile(r"([\\`*_~\[\]<>])")


def plain(value: str) -> str:
    """Transcript text made inert in any format: one line, no pings, no links."""
    value = _CONTROL.sub(" ", _BIDI.sub("", value))
    return _DEFANG.sub(_ZWSP, value)


def _markdown(value: str) -> str:
    return _MARKDOWN.sub(r"\\\1", plain(value))


# Applied to every printed value; HTML's autoescape runs after it.
_FINALIZE = {"markdown": _markdown, "html": plain, "text": plain}


def _finalizer(body_format: str):
    escape = _FINALIZE[body_format]

    def finalize(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
            return escape(value)
        return value

    return finalize


def _code(value: Any) -> markupsafe.Markup:
    """Text for inside a Markdown code span: inert (`plain`) but without backslashes, which a code span
    would show; a backtick, which would end the span, is dropped. Marked safe so `finalize` leaves it."""
    return markupsafe.Markup(plain(str(value)).replace("`", ""))


def title_of(call: Mapping[str, Any], changes: Sequence[Mapping[str, Any]], *, update: bool = False) -> str:
    """The message title: the company, the period and the most severe change (plain, inert text);
    a corrected transcript's follow-up starts "Updated transcript: "."""
    top = max(changes, key=lambda change: rank(change["severity"]))
    prefix = "Updated transcript: " if update else ""
    return plain(f"{prefix}{call['ticker']} Q{call['fiscal_quarter']} {call['fiscal_year']}: {top['summary']}")


# Fields a template may print of a call; a row without one (a test's, an older database's) prints nothing.
_CALL_FIELDS = ("id", "ticker", "company", "title", "fiscal_year", "fiscal_quarter", "call_date", "period",
                "source_file")


def render(call: Mapping[str, Any], previous: Mapping[str, Any] | None, changes: Sequence[Mapping[str, Any]], *,
           body_format: str, templates_dir: Path | None = None, info_left_out: int = 0) -> tuple[str, str]:
    """(title, body) of the digest of `changes` rows, most severe first (evidence from the rows alone).

    Raises:
        TemplateError: a template cannot be loaded or rendered.
    """
    rows = [{**change, "before": change.get("before", evidence(change, "before")),
             "after": change.get("after", evidence(change, "after"))} for change in changes]
    return render_digest(Digest(call, previous, ordered(rows), info_left_out), body_format=body_format,
                         templates_dir=templates_dir)


def render_digest(digest: Digest, *, body_format: str, templates_dir: Path | None = None) -> tuple[str, str]:
    """(title, body) of a digest for one format.

    Raises:
        TemplateError: a template cannot be loaded or rendered.
    """
    call = {**dict.fromkeys(_CALL_FIELDS), **digest.call}
    body = _render(f"digest.{_SUFFIX[body_format]}.j2", body_format, templates_dir, **_variables(digest))
    return title_of(call, digest.changes, update=digest.update is not None), body


def render_daily(digests: Sequence[Digest], *, day: str, body_format: str,
                 templates_dir: Path | None = None) -> tuple[str, str]:
    """(title, body) of a daily digest: every call's digest for one target, in one message.

    Raises:
        TemplateError: a template cannot be loaded or rendered.
    """
    calls = [_variables(digest) for digest in digests]
    body = _render(f"daily.{_SUFFIX[body_format]}.j2", body_format, templates_dir, day=day,
                   digests=[SimpleNamespace(**variables) for variables in calls])
    named = ", ".join(f"{c['call']['ticker']} Q{c['call']['fiscal_quarter']} {c['call']['fiscal_year']}" for c in calls)
    return plain(f"Daily digest, {day}: {len(digests)} call{'s' if len(digests) != 1 else ''} ({named})"), body


def _variables(digest: Digest) -> dict[str, Any]:
    """What a digest template is given."""
    return {"call": {**dict.fromkeys(_CALL_FIELDS), **digest.call},
            "previous": {**dict.fromkeys(_CALL_FIELDS), **digest.previous} if digest.previous else None,
            "changes": digest.changes, "info_left_out": digest.info_left_out, "severity": digest.severity,
            "update": digest.update}


def _render(name: str, body_format: str, templates_dir: Path | None, **variables: Any) -> str:
    search = [str(templates_dir)] if templates_dir else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(BUILT_IN)]),
        autoescape=body_format == "html", undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=False, finalize=_finalizer(body_format),
    )
    environment.filters["code"] = _code
    try:
        body = environment.get_template(name).render(**variables)
    except jinja2.TemplateError as error:
        raise TemplateError(name, str(error)) from None
    return body.strip() + "\n"
