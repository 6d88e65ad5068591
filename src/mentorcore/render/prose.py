"""Prose a model author writes in Markdown (a welcome letter, a background chapter) as the blocks
of a :class:`~mentorcore.render.document.Document`, so every format writes it the same way.

Parsed with markdown-it-py in its CommonMark mode with raw HTML off: what an author writes is
text, bold, italics, links, lists, quotes and subheadings — never markup or scripts. Each
renderer then escapes the texts for its own format.

>>> blocks = to_blocks("Hei **kaikki**!\\n\\n- yksi\\n- [kaksi](https://example.org)", level=3)
>>> [type(b).__name__ for b in blocks]
['Paragraph', 'Items']
>>> blocks[0].text
('Hei ', Strong(text='kaikki'), '!')
"""

from __future__ import annotations

from typing import Any

from mentorcore.render import document as doc

__all__ = ["to_blocks"]


def _inline(children: list[Any]) -> doc.Line:
    parts: list[doc.Inline] = []
    bold = 0
    link: str | None = None
    link_text: list[str] = []
    for token in children:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "link_open":
            link, link_text = str(token.attrGet("href") or ""), []
        elif kind == "link_close":
            parts.append(doc.Link("".join(link_text), link or ""))
            link = None
        elif kind in ("text", "code_inline", "html_inline", "softbreak", "hardbreak"):
            text = " " if kind in ("softbreak", "hardbreak") else token.content
            if link is not None:
                link_text.append(text)
            elif bold:
                parts.append(doc.Strong(text))
            else:
                parts.append(text)
    merged: list[doc.Inline] = []
    for part in parts:  # neighbouring plain texts as one
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return tuple(merged)


def to_blocks(markdown: str, level: int = 3) -> tuple[doc.Block, ...]:
    """The blocks of ``markdown``; its headings start at ``level`` (``#`` is ``level``)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).parse(markdown)
    blocks: list[doc.Block] = []
    lists: list[tuple[bool, list[doc.Line]]] = []
    heading: int | None = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append((kind == "ordered_list_open", []))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordered, items = lists.pop()
            if lists:  # a nested list joins its parent's last item
                lists[-1][1].append(tuple(part for item in items for part in (*item, " ")))
            else:
                blocks.append(doc.Items(tuple(items), ordered=ordered))
        elif kind == "heading_open":
            heading = min(6, level + int(token.tag[1:]) - 1)
        elif kind == "inline":
            line = _inline(token.children or [])
            if heading is not None:
                blocks.append(doc.Heading(heading, line))
                heading = None
            elif lists:
                lists[-1][1].append(line)
            elif line:
                blocks.append(doc.Paragraph(line))
        elif kind in ("fence", "code_block"):
            blocks.append(doc.Paragraph((token.content.strip(),)))
    return tuple(blocks)
