"""Writing a :class:`~mentorcore.render.document.Document` as Markdown.

Model texts are untrusted: characters that Markdown would read as formatting or as HTML are
escaped, so a text can never become a link, an image or a script in a Markdown viewer.
"""

from __future__ import annotations

import re

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

_SPECIAL = re.compile(r"([\\`*\[\]<>|#~]|(?<!\w)_|_(?!\w))")
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))(?=\s|$)")
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def escape(text: str, line_start: bool = True) -> str:
    """Text as literal Markdown: formatting characters escaped, one line. ``line_start``: the
    text begins a line, where ``-``, ``+`` or ``1.`` would start a list."""
    text = re.sub(r"\s+", " ", text)
    text = _SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return text
    return _LINE_START.sub(lambda m: m.group(1) + (
        "\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), text)


def safe_url(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES) and not any(
        c in url for c in " <>\"'`()\n\r\t")


def line(parts: Line) -> str:
    out = []
    for index, part in enumerate(parts):
        first = index == 0
        if isinstance(part, Strong):
            out.append(f"**{escape(part.text, False)}**")
        elif isinstance(part, Link):
            text = escape(part.text, first)
            out.append(f"[{text}](<{part.url}>)" if safe_url(part.url) else text)
        elif isinstance(part, Said):
            out.append(escape(part.text, first))
        else:
            out.append(escape(part, first))
    return "".join(out)


_DOTS = "    " + "." * 72
_ANSWER = {
    "text": [_DOTS, ""],
    "contact": [_DOTS, "", _DOTS, ""],
    "date": ["    " + "." * 24, ""],
    "number": ["    " + "." * 16, ""],
    "long_text": [_DOTS, "", _DOTS, "", _DOTS, "", _DOTS, ""],
}
"""The room left for an answer, by field type: lines of dots to write on."""


def _block(block: Block, out: list[str]) -> None:
    if isinstance(block, Heading):
        out += ["#" * block.level + " " + line(block.text), ""]
    elif isinstance(block, Paragraph):
        out += [line(block.text), ""]
    elif isinstance(block, Items):
        for number, item in enumerate(block.items, 1):
            out.append(f"{number}. {line(item)}" if block.ordered else f"- {line(item)}")
        out.append("")
    elif isinstance(block, Facts):
        out += [f"- **{escape(label)}:** {line(value)}" for label, value in block.pairs]
        out.append("")
    elif isinstance(block, Table):
        if block.caption:
            out += [f"*{escape(block.caption)}*", ""]
        out.append("| " + " | ".join(escape(h) for h in block.header) + " |")
        out.append("|" + "---|" * len(block.header))
        out += ["| " + " | ".join(line(cell) for cell in row) + " |" for row in block.rows]
        out.append("")
    elif isinstance(block, FormFields):
        number = 0
        for field in block.fields:
            if field.kind in ("principle", "checkbox"):
                out.append(f"- [ ] {line(field.label)}")
                continue
            if out and out[-1].startswith("- [ ]"):
                out.append("")
            number += 1
            out += [f"{number}. **{line(field.label)}**", ""]
            out += _ANSWER.get(field.kind, _ANSWER["text"])
        if out and out[-1] != "":
            out.append("")
    elif isinstance(block, Section):
        if block.new_page:
            out += ["---", ""]
        for inner in block.blocks:
            _block(inner, out)


def render(document: Document) -> str:
    """The document as Markdown text, ending with one newline."""
    out: list[str] = []
    for block in document.blocks:
        _block(block, out)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
