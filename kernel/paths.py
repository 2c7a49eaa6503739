"""Where liveread keeps its files, per the platform's conventions (platformdirs).

The database path can be overridden by `--db PATH` or the `LIVEREAD_DB` environment variable;
the config file by `LIVEREAD_CONFIG`. platformdirs is imported only when a default is asked
for: a command given `--db` (or run with `LIVEREAD_DB`) does not pay for it at start.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "liveread"
DB_ENV = "LIVEREAD_DB"
CONFIG_ENV = "LIVEREAD_CONFIG"


def default_db_path() -> Path:
    """The database in the user data dir (e.g. ~/.local/share/liveread/liveread.db)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "liveread.db"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db` wins, then `LIVEREAD_DB`, then the platform default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def config_path() -> Path:
    """The TOML config file (e.g. ~/.config/liveread/config.toml)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_export_dir() -> Path:
    """Where exports go unless the config says otherwise."""
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / APP_NAME
