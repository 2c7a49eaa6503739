"""The CLI's verbs, one module per group; each module has `register(subparsers, common)`."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from liveread.cli import (
    annotate,
    app,
    export,
    following,
    importing,
    listing,
    maintenance,
    managing,
    state,
)

SubParsers = argparse._SubParsersAction  # the type argparse gives no public name
Registrar = Callable[["SubParsers[argparse.ArgumentParser]", argparse.ArgumentParser], None]

REGISTRARS: tuple[Registrar, ...] = (
    app.register,
    importing.register,
    following.register,
    listing.register,
    annotate.register,
    state.register,
    export.register,
    maintenance.register,
    managing.register,
)
"""Every verb group, in the order `liveread --help` lists them."""
