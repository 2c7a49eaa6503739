"""The tag prompt (`t`): several tags at once, comma separated, `-name` removes one; the last
name typed is completed from the tags already in use."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.suggester import Suggester
from textual.widgets import Static

from liveread.kernel.text import clean_line
from liveread.tui.screens.prompt import PromptScreen


class TagSuggester(Suggester):
    """Completes the name being typed (after the last comma, past a leading `-`) from the
    known tags; what came before it is kept as typed."""

    def __init__(self, tags: Sequence[str]) -> None:
        """Make the suggester.

        Args:
            tags: The tag names in use, most used first.
        """
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = [clean_line(tag) for tag in tags]
        """Names offered."""

    async def get_suggestion(self, value: str) -> str | None:
        head, comma, last = value.rpartition(",")
        typed = last.lstrip()
        lead = last[: len(last) - len(typed)]
        minus = typed.startswith("-")
        word = typed[1:].lstrip() if minus else typed
        if not word:
            return None
        wanted = word.casefold()
        for tag in self.tags:
            if tag.casefold().startswith(wanted) and tag.casefold() != wanted:
                return f"{head}{comma}{lead}{'-' if minus else ''}{tag}"
        return None


def tags_hint(current: Sequence[str], known: Sequence[str]) -> Text:
    """The line under the prompt: the entry's tags, then the tags in use."""
    hint = Text("Has: ", style="dim", end="")
    hint.append(" ".join(f"#{clean_line(t)}" for t in current) or "no tags")
    if known:
        hint.append("\nKnown: ", style="dim")
        hint.append(" ".join(f"#{clean_line(t)}" for t in known[:30]))
    return hint


class TagPrompt(PromptScreen):
    """The tag prompt. It opens at once (keys typed straight after `t` land in it); the
    entry's tags and the names to complete arrive from a worker (`show_tags`)."""

    def __init__(
        self, legend: Text | None = None, title: str = "Tags (comma separated; -name removes)"
    ) -> None:
        """Make the prompt, empty until `show_tags`; `legend` (the quick tags and their
        keys, `tui.screens.quick_tags.quick_legend`) is shown under the tags; `title` says
        what is tagged (the app's own words)."""
        self.legend = legend
        """The quick tags legend shown under the tags, if any."""
        super().__init__(
            title,
            hint=self._with_legend(Text("Reading the tags…", style="dim")),
            placeholder="key, verify, -disputed",
            suggester=TagSuggester(()),
        )

    def _with_legend(self, hint: Text) -> Text:
        if self.legend is None:
            return hint
        return Text.assemble(hint, "\n", Text("Quick keys: ", style="dim"), self.legend)

    def show_tags(self, current: Sequence[str], known: Sequence[str]) -> None:
        """Show the entry's tags and complete from `known` (most used first)."""
        if isinstance(self.suggester, TagSuggester):
            self.suggester.tags = [clean_line(tag) for tag in known]
        # The prompt may have been answered (and dismissed) before the tags arrived.
        for hint in self.query("#prompt-hint").results(Static):
            hint.update(self._with_legend(tags_hint(current, known)))
