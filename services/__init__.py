"""The use cases the CLI and the app share, headless and blocking.

`sources` (import a file, URL or the samples; reload), `sync` (one URL fetched then stored) and
`pages` (a blog's older pages on its first import), `polling` (the app's poll round),
`exporting` (one blog or every blog, Markdown or JSON), `transfer` (annotation files in),
`undoing` (undo and redo, worded), `locations` (what a source is stored under) and `wording`
(the phrases both faces print). Nothing here imports `textual` or prints.
"""
