"""The filter prompt (`f`): the filter language checked as it is typed.

While the text is a valid filter the list behind the prompt follows it (`on_valid`); while it
is not, the line under the input says what is wrong, and enter keeps the prompt open with the
text so the mistake can be mended. The term being typed is completed: tag names after `tag:`
(as in the tag prompt), and the language's own keys and flags.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual import on
from textual.suggester import Suggester
from textual.widgets import Input, Static

from liveread.kernel.errors import InputError
from liveread.kernel.query import FLAGS, KEYS, parse_filter
from liveread.kernel.text import clean_line
from liveread.tui.screens.prompt import PromptScreen

FILTER_HINT = (
    "tag:NAME  -tag:NAME  starred  pinned  annotated  unread  edited  changed-since-read"
    "  orphaned  has:link  since:2h|today|yesterday|1w|2024-11-01  until:…  source:BLOG"
    "  author:NAME  category:NAME  words"
)
"""The line under the filter prompt while what is typed is valid."""

TERMS: tuple[str, ...] = (*(f"{key}:" for key in KEYS), *FLAGS, "read", "has:link")
"""What the last word typed is completed to when it is not a tag name."""


class FilterSuggester(Suggester):
    """Completes the last word of a filter: a tag name after `tag:` or `-tag:` from the known
    tags (most used first), otherwise a key or flag of the language."""

    def __init__(self, tags: Sequence[str] = ()) -> None:
        """Make the suggester.

        Args:
            tags: The tag names in use, most used first.
        """
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = [clean_line(tag) for tag in tags]
        """Tag names offered after `tag:`."""

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value[-1].isspace():
            return None
        head, _, last = value.rpartition(" ")
        head = f"{head} " if head else ""
        minus = "-" if last.startswith("-") else ""
        word = last[len(minus) :]
        if word.lower().startswith("tag:"):
            typed = word[4:].lstrip('"')
            wanted = typed.casefold()
            if not wanted:
                return None
            for tag in self.tags:
                if tag.casefold().startswith(wanted) and tag.casefold() != wanted:
                    name = f'"{tag}"' if " " in tag else tag
                    return f"{head}{minus}{word[:4]}{name}"
            return None
        if len(word) < 2 or ":" in word:
            return None
        wanted = word.lower()
        for term in TERMS:
            if term.startswith(wanted) and term != wanted:
                return f"{head}{minus}{word}{term[len(word) :]}"
        return None


class FilterPrompt(PromptScreen):
    """The filter prompt; dismisses with a valid filter's text (enter) or None (escape)."""

    def __init__(
        self,
        value: str,
        *,
        now: Callable[[], datetime],
        on_valid: Callable[[str], object] | None = None,
    ) -> None:
        """Make the prompt.

        Args:
            value: The filter shown now (the text to start with).
            now: The clock relative dates are checked against.
            on_valid: Called with the text each time an edit leaves a valid filter.
        """
        super().__init__("Filter the list", value, hint=FILTER_HINT, suggester=FilterSuggester())
        self.now = now
        """The clock for relative dates."""
        self.on_valid = on_valid
        """Applies a valid filter as it is typed."""
        self.applied = value.strip()
        """The last text handed to `on_valid` (at first the filter already shown)."""
        self.problem: str | None = None
        """What is wrong with the text typed, or None while it is a valid filter."""

    def show_tags(self, known: Sequence[str]) -> None:
        """Complete tag names from `known` (most used first; read in a worker)."""
        if isinstance(self.suggester, FilterSuggester):
            self.suggester.tags = [clean_line(tag) for tag in known]

    def _check(self, text: str) -> bool:
        """Parse `text`; show what is wrong under the input. True when it is valid."""
        try:
            parse_filter(text, now=self.now())
        except InputError as error:
            self.problem = clean_line(error.problem)
        else:
            self.problem = None
        for hint in self.query("#prompt-hint").results(Static):
            hint.set_class(self.problem is not None, "-error")
            hint.update(Text(self.problem) if self.problem is not None else Text(FILTER_HINT))
        return self.problem is None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self._check(event.value):
            return
        text = event.value.strip()
        if text != self.applied and self.on_valid is not None:
            self.applied = text
            self.on_valid(text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # the plain prompt's handler would dismiss whatever was typed
        if self._check(event.value):
            self.dismiss(event.value)
        else:
            # Kept open with the text, so the mistake is mended rather than typed again.
            self.app.bell()
