"""The Textual user interface: the only package that imports textual (and renders with rich)."""
