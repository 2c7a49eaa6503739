"""Auto-tag rules for the CLI and the app alike: arming a Store with the config's rules (every
import through it then applies them: `storage.autotag`), and the words for what they did.

`use_rules` is called once where the settings are read (`liveread import`, `follow`, the app),
so an import, a follow, a reload and a poll all tag alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from liveread.services.wording import plural

if TYPE_CHECKING:
    from liveread.kernel.model import ImportResult
    from liveread.kernel.settings import Settings
    from liveread.storage import Store


def use_rules(store: Store, settings: Settings) -> Store:
    """Give `store` the config's `[[autotag]]` rules; returns it."""
    store.autotag_rules = settings.autotag
    return store


def autotag_summary(results: Iterable[ImportResult]) -> str | None:
    """`auto-tagged 3 entries (rule: drones ×2, shahed ×1)`, or None when no rule tagged."""
    counts: Counter[str] = Counter()
    entries = 0
    for result in results:
        entries += result.autotagged_entries
        for tag, count in result.autotagged:
            counts[tag] += count
    if not entries:
        return None
    rules = ", ".join(f"{tag} ×{count}" for tag, count in counts.items())
    return f"auto-tagged {plural(entries, 'entry')} (rule: {rules})"
