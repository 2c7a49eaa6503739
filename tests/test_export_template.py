"""The export's Jinja2 templates: the built-in layout is one, a user's shapes entries and
highlights, and every value either writes is escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liveread.export.markdown import render_markdown
from liveread.export.template import DEFAULT_ENTRY, DEFAULT_HIGHLIGHT, Templates
from liveread.kernel.errors import InputError
from liveread.kernel.settings import load_settings
from liveread.storage import Store
from tests.conftest import SAMPLES
from tests.export_helpers import (
    EXPORTED_AT,
    annotated,
    headings,
    html_tokens,
    make_entry,
    make_highlight,
    make_note,
    make_source,
    parse_body,
)
from tests.export_samples import build
from tests.test_export_cli import run

HOSTILE = "# <b>bold</b> [x](javascript:y) ==mark== ---"


def export(templates: Templates | None, headline: str = "A headline") -> str:
    item = annotated(
        make_entry(1, headline=headline, url="https://example.invalid/live#p1"),
        tags=("fact check",),
        highlights=(make_highlight("Quoted words", color="pink", note="Is **this** right?"),),
        notes=(make_note("- one\n- two"),),
    )
    return render_markdown(
        make_source("The blog"), [item], exported_at=EXPORTED_AT, version="9.9.9",
        templates=templates,
    )  # fmt: skip


def test_the_built_in_layout_is_the_default_template() -> None:
    # The golden files (test_export_golden.py) are rendered through these same templates.
    assert export(Templates(DEFAULT_ENTRY, DEFAULT_HIGHLIGHT)) == export(None)


def test_a_template_shapes_each_entry_and_highlight() -> None:
    templates = Templates(
        entry=(
            "### {{ title }}\n\n{{ time or 'no time' }} · {{ tags | join(' ') }}"
            "{% for h in highlights %}\n\n{{ h }}{% endfor %}"
            "{% for n in notes %}\n\n{{ n }}{% endfor %}"
        ),
        highlight="{{ quote }}\n\n{{ color | upper }}: {{ note }}",
    )
    text = export(templates)
    body = text[text.index("# The blog") :]
    assert body == (
        "# The blog\n\n### A headline\n\nno time · \\#fact-check\n\n"
        "> Quoted words\n\nPINK: Is **this** right?\n\n**Note**\n\n- one\n- two\n"
    )


def test_every_value_a_template_writes_is_escaped() -> None:
    templates = Templates(
        entry="## {{ title }}\n\n{{ title | upper }}\n\n{{ url }}\n\n{{ highlights[0] | lower }}",
        highlight="{{ quote }}",
    )
    text = export(templates, headline=HOSTILE)
    tokens = parse_body(text)
    assert html_tokens(tokens) == []
    assert headings(tokens) == [("h1", "The blog"), ("h2", HOSTILE)]
    body = text[text.index("## ") :]
    assert "\\# &lt;B>BOLD&lt;/B> \\[X\\](JAVASCRIPT:Y) \\==MARK\\== ---" in body
    # liveread's own Markdown changed by a filter is plain text again, escaped again.
    assert body.endswith("\\> quoted words\n")
    assert not any(t.type == "blockquote_open" for t in tokens)


def test_templates_run_sandboxed_and_bounded() -> None:
    leak = export(Templates(entry="## x {{ ''.__class__ }} {{ range(3) | list | length }}"))
    assert leak.endswith("## x  3\n")
    with pytest.raises(InputError, match="cannot render"):
        export(Templates(entry="{% for i in range(10**9) %}{% endfor %}"))


def test_a_broken_template_is_one_line_naming_it() -> None:
    with pytest.raises(InputError) as caught:
        export(Templates(entry="## {{ title "))
    message = str(caught.value)
    assert message.startswith("the config's [export] entry template: line 1: ")
    assert "\n" not in message
    with pytest.raises(InputError, match="highlight template: line 1"):
        export(Templates(highlight="{% if %}"))


def test_a_template_may_not_write_the_section_markers() -> None:
    with pytest.raises(InputError, match="section markers"):
        export(Templates(entry="## {{ title }}\n<!-- liveread:added:end -->"))


def test_the_config_holds_the_templates(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[export]\nentry = "### {{ title }}"\nhighlight = "{{ quote }}"\n')
    loaded = load_settings(config)
    assert loaded.problem is None
    assert loaded.settings.entry_template == "### {{ title }}"
    assert loaded.settings.highlight_template == "{{ quote }}"
    config.write_text('[export]\nentri = "### {{ title }}"\n')
    assert load_settings(config).problem == (
        f"{config}: [export] has no setting 'entri' (entry, highlight); using defaults"
    )


def test_liveread_export_uses_the_config_templates(tmp_path: Path) -> None:
    db = tmp_path / "annotated.db"
    with Store.open(db) as store:
        build(store, root=SAMPLES)
    config = tmp_path / "config.toml"
    config.write_text(f"[export]\nentry = {json.dumps('### {{ title }}')}\n")
    proc = run("export", "--source", "1", "-o", "-", db=db, config=config)
    assert proc.returncode == 0, proc.stderr
    assert "\n### Night-time high tide is ‘the real test’, says harbour master\n" in proc.stdout
    assert "\n## " not in proc.stdout
    config.write_text(f"[export]\nentry = {json.dumps('{{ title ')}\n")
    broken = run("export", "--source", "1", "-o", "-", db=db, config=config)
    assert broken.returncode != 0 and broken.stdout == ""
    assert broken.stderr.startswith("liveread: the config's [export] entry template: line 1: ")
    assert broken.stderr.count("\n") == 1
