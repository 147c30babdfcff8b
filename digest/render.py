"""Render the digest templates: HTML with autoescape and inlined CSS, plain text unescaped."""
from __future__ import annotations

from functools import cache
from typing import Any

import css_inline
import jinja2


@cache
def _html_env() -> jinja2.Environment:
    # Autoescape on for every template: all scraped strings reach HTML escaped.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("digest", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def _text_env() -> jinja2.Environment:
    # Plain text is plain: escaping would show "&lt;" to the reader.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("digest", "templates"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def _inliner() -> css_inline.CSSInliner:
    # No remote stylesheet fetches; keep <style> so the phone media query survives.
    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=True)


def html(context: dict[str, Any]) -> str:
    """Render the HTML digest and inline its CSS."""
    return _inliner().inline(_html_env().get_template("digest.html.j2").render(**context))


def text(context: dict[str, Any]) -> str:
    """Render the plain-text digest."""
    return _text_env().get_template("digest.txt.j2").render(**context)
