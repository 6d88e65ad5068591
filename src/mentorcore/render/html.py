"""Writing a :class:`~mentorcore.render.document.Document` as one self-contained HTML page.

The page needs nothing else: the style is inline, there are no scripts, fonts or images, and a
Content-Security-Policy forbids loading anything. Every model text is escaped with
:func:`html.escape` — model texts are untrusted — and only ``http``, ``https`` and ``mailto``
addresses become links. The page is accessible: the document language is declared (and the
language of any text that fell back to another one), there is a skip link, the contents are a
``nav`` landmark, tables have header cells, and forms print one per page.
"""

from __future__ import annotations

import re
from html import escape

from mentorcore.render.document import (
    Block,
    Document,
    Facts,
    FormFields,
    Heading,
    Items,
    Line,
    Link,
    Paragraph,
    Said,
    Section,
    Strong,
    Table,
)
from mentorcore.render.markdown import safe_url

STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #8a8a8a;
  --accent: #0b4f8a; --paper: #ffffff; --tint: #f2f5f8; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  line-height: 1.55; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem 1rem;
  outline: 3px solid var(--accent); z-index: 1; }
main { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem 2rem; }
nav { margin: 1.5rem 0; padding: .75rem 1rem; background: var(--tint); }
nav h2 { font-size: 1rem; margin: 0 0 .25rem; color: var(--muted); }
nav ol { margin: 0; padding-left: 1.25rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 .5rem; color: var(--accent); }
h2 { font-size: 1.45rem; margin: 2.25rem 0 .5rem; border-bottom: 2px solid var(--tint);
  padding-bottom: .2rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .35rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .75rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; }
caption { text-align: left; font-style: italic; color: var(--muted); padding-bottom: .25rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
th { background: var(--tint); }
ol.fields { padding-left: 1.5rem; }
ol.fields li { margin: 0 0 1.1rem; }
.label { font-weight: 600; display: block; }
.answer { border-bottom: 1px solid var(--line); height: 2rem; }
.answer.lines-2 { height: 4rem; background: repeating-linear-gradient(to bottom,
  transparent 0 calc(2rem - 1px), var(--line) calc(2rem - 1px) 2rem); border: 0; }
.answer.lines-4 { height: 8rem; background: repeating-linear-gradient(to bottom,
  transparent 0 calc(2rem - 1px), var(--line) calc(2rem - 1px) 2rem); border: 0; }
.answer.short { width: 12rem; }
ul.ticks { list-style: none; padding-left: 0; }
ul.ticks li { margin: .35rem 0; }
.box { display: inline-block; width: 1rem; height: 1rem; border: 1.5px solid var(--ink);
  margin-right: .5rem; vertical-align: -0.15rem; }
section.page { margin-top: 2.5rem; }
footer { max-width: 46rem; margin: 3rem auto 2rem; padding: 0 1.25rem; color: var(--muted);
  font-size: .875rem; }
@media print {
  nav, .skip { display: none; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section.page { break-before: page; margin-top: 0; }
  h2, h3 { break-after: avoid; }
  ol.fields li, tr { break-inside: avoid; }
  a { color: var(--ink); }
}
"""

POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

_ANSWER = {
    "long_text": "answer lines-4",
    "contact": "answer lines-2",
    "date": "answer short",
    "number": "answer short",
}


def line(parts: Line) -> str:
    out = []
    for part in parts:
        if isinstance(part, Strong):
            out.append(f"<strong>{escape(part.text)}</strong>")
        elif isinstance(part, Link):
            text = escape(part.text)
            local = re.fullmatch(r"#[A-Za-z0-9_-]+", part.url) is not None
            out.append(f'<a href="{escape(part.url.strip(), quote=True)}">{text}</a>'
                       if local or safe_url(part.url) else text)
        elif isinstance(part, Said):
            out.append(f'<span lang="{escape(part.language, quote=True)}">'
                       f"{escape(part.text)}</span>")
        else:
            out.append(escape(part))
    return "".join(out)


def _block(block: Block, out: list[str]) -> None:
    if isinstance(block, Heading):
        anchor = f' id="{escape(block.anchor, quote=True)}"' if block.anchor else ""
        out.append(f"<h{block.level}{anchor}>{line(block.text)}</h{block.level}>")
    elif isinstance(block, Paragraph):
        out.append(f"<p>{line(block.text)}</p>")
    elif isinstance(block, Items):
        tag = "ol" if block.ordered else "ul"
        out.append(f"<{tag}>" + "".join(f"<li>{line(i)}</li>" for i in block.items) + f"</{tag}>")
    elif isinstance(block, Facts):
        out.append("<dl>" + "".join(f"<dt>{escape(label)}</dt><dd>{line(value)}</dd>"
                                    for label, value in block.pairs) + "</dl>")
    elif isinstance(block, Table):
        out.append("<table>")
        if block.caption:
            out.append(f"<caption>{escape(block.caption)}</caption>")
        out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>'
                                           for h in block.header) + "</tr></thead><tbody>")
        for row in block.rows:
            first, *rest = row
            out.append(f'<tr><th scope="row">{line(first)}</th>'
                       + "".join(f"<td>{line(cell)}</td>" for cell in rest) + "</tr>")
        out.append("</tbody></table>")
    elif isinstance(block, FormFields):
        _fields(block, out)
    elif isinstance(block, Section):
        out.append('<section class="page">' if block.new_page else "<section>")
        for inner in block.blocks:
            _block(inner, out)
        out.append("</section>")


def _fields(block: FormFields, out: list[str]) -> None:
    run: list[str] = []
    ticks: list[str] = []

    def flush() -> None:
        if run:
            out.append('<ol class="fields">' + "".join(run) + "</ol>")
            run.clear()
        if ticks:
            out.append('<ul class="ticks">' + "".join(ticks) + "</ul>")
            ticks.clear()

    for field in block.fields:
        if field.kind in ("principle", "checkbox"):
            if run:
                flush()
            ticks.append(f'<li><span class="box" aria-hidden="true"></span>{line(field.label)}'
                         "</li>")
            continue
        if ticks:
            flush()
        css = _ANSWER.get(field.kind, "answer")
        run.append(f'<li><span class="label">{line(field.label)}</span>'
                   f'<div class="{css}" aria-hidden="true"></div></li>')
    flush()


def render(document: Document, *, skip_label: str = "Skip to content",
           footer: str | None = None) -> str:
    """The document as a complete HTML page."""
    contents = [b for b in document.blocks if isinstance(b, Heading) and b.level == 2
                and b.anchor]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(document.language, quote=True)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="mentorcore">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f'<a class="skip" href="#main">{escape(skip_label)}</a>',
    ]
    first = next((i for i, b in enumerate(document.blocks) if b in contents), 0)
    out.append('<main id="main">')
    for block in document.blocks[:first]:
        _block(block, out)
    if document.contents_label and len(contents) > 1:
        out.append('<nav aria-labelledby="contents-title"><h2 id="contents-title">'
                   f"{escape(document.contents_label)}</h2><ol>")
        out += [f'<li><a href="#{escape(h.anchor or "", quote=True)}">{line(h.text)}</a></li>'
                for h in contents]
        out.append("</ol></nav>")
    for block in document.blocks[first:]:
        _block(block, out)
    out.append("</main>")
    if footer:
        out.append(f"<footer><p>{escape(footer)}</p></footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
