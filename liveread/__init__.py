"""liveread: read and annotate live blogs in the terminal.

The layers live in folders at the top of the repository and are installed under this package:
`liveread.cli`, `liveread.tui`, `liveread.services`, `liveread.ingest`, `liveread.storage`,
`liveread.export` and `liveread.kernel` (ARCHITECTURE.md shows how they depend on each other).
"""

__version__ = "0.1.0"
