"""The CLI's verbs, one module per group; each module has `register(subparsers, common)`."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from liveread.commands import annotate, app, importing, listing

SubParsers = argparse._SubParsersAction  # the type argparse gives no public name
Registrar = Callable[["SubParsers[argparse.ArgumentParser]", argparse.ArgumentParser], None]

REGISTRARS: tuple[Registrar, ...] = (
    app.register,
    importing.register,
    listing.register,
    annotate.register,
)
"""Every verb group, in the order `liveread --help` lists them."""
