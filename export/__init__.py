"""`liveread.model` in, text out: Markdown and JSON renderers, pure functions."""
