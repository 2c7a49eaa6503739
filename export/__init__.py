"""`liveread.kernel.model` in, text out: Markdown and JSON renderers, and the files they go to.

The API the CLI and the app use:

- `export.markdown.render_markdown(source, entries, *, exported_at, version) -> str`: one
  blog's note (Obsidian-ready), entries in the order given (page order).
- `export.annotations_json.render_json(groups, *, exported_at, version) -> str` and
  `parse_annotations(data, where) -> liveread.kernel.records.AnnotationFile`: the lossless JSON.
- `export.files.safe_filename(title, directory, *, owner, extension=".md") -> Path`: the
  source's own file in the export directory (`owner` is the source's location).
- `export.files.target_state(path) -> TargetState`: MISSING, UNCHANGED, CHANGED (edited by
  the user since liveread wrote it) or FOREIGN (not a liveread export): ask before replacing
  the last two.
- `export.files.write_export(path, text, *, force=False)`: refuses CHANGED/FOREIGN with
  `ExportConflictError` unless forced, then `write_atomic`; `ExportWriteError` on I/O failure.
- `export.managed.add_to_export(existing, entries, *, where, templates=None) -> Addition`: a
  Markdown export the user edited, with what is new in the section liveread owns (between
  marker lines); the user's text kept byte for byte.
- `export.changes.changed_since(entries, since)`: only the highlights and notes changed since.
- `export.note_markdown.note_blocks(text)`: a note's Markdown rewritten into a safe subset.
- `export.template.Templates`: the config's Jinja2 templates of an entry and a highlight.

Renderers are pure functions; only `export.files` touches the disk. Nothing here imports
storage, ingest or textual.
"""
