"""The Jinja2 templates that shape each entry and highlight of a Markdown export.

The built-in layout is itself a pair of templates (`DEFAULT_ENTRY`, `DEFAULT_HIGHLIGHT`); the
config's `[export] entry` and `highlight` replace them. Whatever a template does, content
stays data: every value it writes goes through the export's escaping (`finalize`), so a
headline, colour, tag or URL shows as the same characters and never as structure. Only the
pieces liveread built itself (the quote block, the meta line, a note rewritten by
`export.note_markdown`, an inner highlight) are `Markdown` values, written as they are; a
template that changes one (`quote | upper`) gets plain text back, which is escaped again.
Templates run sandboxed (no attribute walking, bounded `range`), and a template that writes
a line of liveread's own section markers is refused.

Context of the entry template: `heading`, `meta`, `highlights`, `notes`, `orphaned`
(Markdown), and `title`, `url`, `time`, `author`, `tags`, `starred`, `pinned`, `edited`
(values). Of the highlight template: `quote`, `label`, `note`, `labelled` (Markdown), and
`text`, `color`, `color_label` (`pink (disputed)`), `tags` (the highlight's own, `#x`),
`link` (the deep link to the quote on the web, or empty), `note_text`, `orphaned`,
`original` (values).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from liveread.export.escape import inline
from liveread.kernel.errors import InputError

DEFAULT_ENTRY = (
    "## {{ heading }}{% if meta %}\n\n{{ meta }}{% endif %}"
    "{% for block in highlights %}\n\n{{ block }}{% endfor %}"
    "{% for block in notes %}\n\n{{ block }}{% endfor %}"
    "{% if orphaned %}\n\n### Orphaned highlights"
    "{% for block in orphaned %}\n\n{{ block }}{% endfor %}{% endif %}"
)
"""The built-in entry layout: heading, meta line, highlights, notes, orphaned highlights,
one block each, blank lines between."""
DEFAULT_HIGHLIGHT = "{{ quote }}{% for block in labelled %}\n\n{{ block }}{% endfor %}"
"""The built-in highlight layout: the quote, then `*colour* — note`."""
MARKER_START = "<!-- liveread:"
"""No line a template writes may start with this (the markers of `export.managed`)."""


class Markdown(str):
    """Markdown liveread built and escaped itself: written by a template as it is."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Templates:
    """The templates of one export; None means the built-in one."""

    entry: str | None = None
    """The entry template's source."""
    highlight: str | None = None
    """The highlight template's source."""
    meanings: tuple[tuple[str, str], ...] = ()
    """The config's colour meanings (colour, meaning), written beside each colour
    (`pink (disputed)`) whatever the templates."""


def _finalize(value: object) -> str:
    if isinstance(value, Markdown):
        return value
    if value is None or isinstance(value, jinja2.Undefined):
        return ""
    return inline(str(value))


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        finalize=_finalize, autoescape=False, undefined=jinja2.Undefined, cache_size=16
    )


@lru_cache(maxsize=16)
def _compile(source: str, what: str) -> jinja2.Template:
    try:
        return _environment().from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(what, f"line {exc.lineno}: {exc.message}") from None


def render(source: str | None, default: str, what: str, context: dict[str, Any]) -> Markdown:
    """`context` through the template `source` (else `default`); `what` names it in errors."""
    template = _compile(source if source is not None else default, what)
    try:
        text = template.render(context)
    except jinja2.TemplateError as exc:
        raise InputError(what, f"cannot render: {exc.message or type(exc).__name__}") from None
    except (ArithmeticError, TypeError, ValueError, RecursionError) as exc:
        raise InputError(what, f"cannot render: {type(exc).__name__}") from None
    if any(line.lstrip().startswith(MARKER_START) for line in text.split("\n")):
        raise InputError(what, "writes a line of liveread's section markers; not used")
    return Markdown(text.strip("\n"))
