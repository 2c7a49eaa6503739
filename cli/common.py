"""What the verbs share: opening the store named by --db / LIVEREAD_DB."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from liveread.kernel.paths import resolve_db_path

if TYPE_CHECKING:
    from liveread.storage import Store


def open_store(args: argparse.Namespace) -> Store:
    """The Store at the path the user chose (imported here to keep `liveread --help` fast)."""
    from liveread.storage import Store

    return Store.open(resolve_db_path(getattr(args, "db", None)))


def print_json_line(obj: object) -> None:
    """One JSON object per line, UTF-8 as is (not \\u escapes), for `jq` and scripts."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
