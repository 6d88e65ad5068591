"""The look of an HTML document: the page template, the stylesheet and the logo.

The defaults are in ``mentorcore/render/templates/``. An organisation puts its own versions in a
directory and names it with ``--template DIR``: any of ``page.html`` (the page around the
document), ``blocks.html`` (how each block is written), ``style.css`` and ``logo.png``,
``logo.jpg`` or ``logo.svg``. Only these names are read, each a regular file inside the
directory (a link that leads out of it is refused) of at most :data:`MAX_TEMPLATE_BYTES`.

Templates are Jinja2 run in its sandbox with autoescaping: a template cannot reach Python
objects' internals, and every text of the model is escaped. The logo is embedded as a ``data:``
address, so the page still needs nothing else.
"""

from __future__ import annotations

import base64
import os
import re
import stat
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcore.diagnostics import MentorcoreError
from mentorcore.records import record
from mentorcore.render.document import FormField, FormFields, Link
from mentorcore.render.markdown import safe_url

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["FILTERS", "MAX_TEMPLATE_BYTES", "TEMPLATE_FILES", "Look", "load_look",
           "template_problem"]

MAX_TEMPLATE_BYTES = 1024 * 1024
TEMPLATE_FILES = ("page.html", "blocks.html", "style.css")
LOGO_TYPES = {"logo.png": "image/png", "logo.jpg": "image/jpeg", "logo.svg": "image/svg+xml"}


@record
class Look:
    """The templates (name → text), the stylesheet and the logo (a ``data:`` address) of a page."""

    templates: dict[str, str]
    style: str
    logo: str | None = None
    origin: str | None = None  # the directory it came from (None: the defaults)

    def environment(self) -> Environment:
        """A sandboxed, autoescaping Jinja2 environment over these templates."""
        from jinja2 import DictLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        env = SandboxedEnvironment(loader=DictLoader(self.templates), autoescape=True,
                                   undefined=StrictUndefined, trim_blocks=False,
                                   keep_trailing_newline=True)
        env.filters.update(FILTERS)
        return env


_ANSWER = {
    "long_text": "answer lines-4",
    "contact": "answer lines-2",
    "date": "answer short",
    "number": "answer short",
}


@record
class _Group:
    ticks: bool
    fields: tuple[FormField, ...]


def _kind(value: object) -> str:
    return "Text" if isinstance(value, str) else type(value).__name__


def _linkable(link: Link) -> bool:
    return re.fullmatch(r"#[A-Za-z0-9_-]+", link.url) is not None or safe_url(link.url)


def _address(link: Link) -> str | None:
    """The address printed after a link's text (none for a link inside the page, or when the
    text already is the address)."""
    url = link.url.strip()
    if url.startswith("#") or not safe_url(url):
        return None
    shown = url.removeprefix("mailto:")
    return None if shown == link.text.strip() else shown


def _field_groups(block: FormFields) -> Iterator[_Group]:
    """Runs of fields: tick boxes together, fields to write in together, in order."""
    run: list[FormField] = []
    for field in block.fields:
        ticks = field.kind in ("principle", "checkbox")
        if run and (run[0].kind in ("principle", "checkbox")) != ticks:
            yield _Group(not ticks, tuple(run))
            run = []
        run.append(field)
    if run:
        yield _Group(run[0].kind in ("principle", "checkbox"), tuple(run))


FILTERS: dict[str, Callable[..., Any]] = {
    "kind": _kind,
    "linkable": _linkable,
    "address": _address,
    "field_groups": _field_groups,
    "answer_class": lambda field: _ANSWER.get(field.kind, "answer"),
}


def _default(name: str) -> str:
    return resources.files("mentorcore.render").joinpath("templates", name).read_text("utf-8")


def template_problem(path: Path, message: str, hint: str | None = None,
             line: int | None = None) -> MentorcoreError:
    from mentorcore.render.problems import BAD_TEMPLATE

    return MentorcoreError.single(BAD_TEMPLATE, message, file=str(path), line=line,
                                  hint=hint, exit_code=2)


def _read(directory: Path, name: str, language: str) -> bytes | None:
    from mentorcore.i18n import translator

    _ = translator(language)
    path = directory / name
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise template_problem(path, _("cannot read the file ({reason})").format(
            reason=error.strerror or error)) from None
    if stat.S_ISLNK(info.st_mode):
        target = path.resolve()
        if not target.is_relative_to(directory.resolve()):
            raise template_problem(path, _("the link leads out of the template directory"),
                           _("copy the file into the directory instead of linking to it"))
        info = os.stat(target)
        path = target
    if not stat.S_ISREG(info.st_mode):
        raise template_problem(path, _("not a regular file"))
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise template_problem(path, _("the file is larger than {limit} KiB").format(
            limit=MAX_TEMPLATE_BYTES // 1024))
    with open(path, "rb") as handle:
        data = handle.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise template_problem(path, _("the file is larger than {limit} KiB").format(
            limit=MAX_TEMPLATE_BYTES // 1024))
    return data


def _text(directory: Path, name: str, data: bytes, language: str) -> str:
    from mentorcore.i18n import translator

    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _ = translator(language)
        raise template_problem(directory / name, _("the file is not UTF-8 text"),
                       _("save it as UTF-8")) from None


def safe_style(css: str) -> str:
    """A stylesheet that cannot end the ``<style>`` element it is put in."""
    return css.replace("</", "<\\/")


def load_look(directory: Path | None = None, language: str = "en") -> Look:
    """The page's look: the defaults, with the files of ``directory`` (``--template``) in
    place of theirs. ``MentorcoreError`` (E801, exit 2) for a file that cannot be used."""
    templates = {name: _default(name) for name in ("page.html", "blocks.html")}
    style = _default("style.css")
    logo = None
    if directory is not None:
        from mentorcore.i18n import translator

        _ = translator(language)
        if not directory.is_dir():
            raise template_problem(directory, _("not a directory"),
                           _("give the directory that holds page.html, style.css or a logo"))
        found = False
        for name in TEMPLATE_FILES:
            data = _read(directory, name, language)
            if data is None:
                continue
            found = True
            text = _text(directory, name, data, language)
            if name == "style.css":
                style = text
            else:
                templates[name] = text
        for name, mime in LOGO_TYPES.items():
            data = _read(directory, name, language)
            if data is not None:
                found = True
                logo = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
                break
        if not found:
            raise template_problem(directory, _("the directory holds none of the template files"),
                           _("put page.html, blocks.html, style.css or logo.png (.jpg, .svg) "
                             "in it"))
    look = Look(templates=templates, style=safe_style(style), logo=logo,
                origin=str(directory) if directory is not None else None)
    _compile(look, language)
    return look


def _compile(look: Look, language: str) -> None:
    """Every template of ``look`` parsed, so that a syntax error is reported with its line."""
    from jinja2 import TemplateSyntaxError

    env = look.environment()
    for name in look.templates:
        try:
            env.get_template(name)
        except TemplateSyntaxError as error:
            from mentorcore.i18n import translator

            _ = translator(language)
            where = Path(look.origin) / name if look.origin else Path(name)
            raise template_problem(where, _("the template has a syntax error: {reason}").format(
                reason=error.message or ""), line=error.lineno) from None
