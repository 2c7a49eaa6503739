"""liveread: read and annotate live blogs in the terminal.

This package is the shared kernel (model, errors, text hygiene, paths, settings) and the
command-line entry point. The user interface lives in `tui`, which is imported lazily.
"""

__version__ = "0.1.0"
