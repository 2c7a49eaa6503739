"""SQLite through sqlite-utils: the one place that knows table and column names.

`Store` takes and returns `liveread.kernel.model` objects. Every write is one short
`BEGIN IMMEDIATE` transaction, committed before the call returns.
"""

from liveread.storage.store import Store

__all__ = ["Store"]
