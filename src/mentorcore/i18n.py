"""Languages of messages and generated documents: Finnish, Swedish and English, via gettext.

The language of a run is ``--lang`` when given (before the command name or after it), else the
locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` — the first one set decides, as
in gettext: ``fi_FI.UTF-8`` gives ``fi``), else English. Messages are written in English in the
code and translated by the catalogs in ``mentorcore/locale/<code>/LC_MESSAGES/mentorcore.mo``; a
message a catalog lacks stays in English. Model texts are not translated here: they are maps per
language in the model (see :func:`mentorcore.model.Text.get`). The help texts of the commands
are marked with :func:`N_` and translated when the help is shown (:mod:`mentorcore.cli.help`).

Library code (diagnostics, the loader, the checks) writes its messages with the lazy
:func:`_` and :func:`ngettext` of this module, which translate into the language of the run:
the one set by :func:`use` — the command line sets it once from ``--lang`` or the locale — and
English when nothing set it, so the Python API speaks English unless asked otherwise.

Example::

    >>> from mentorcore.i18n import translator
    >>> _ = translator("fi")
    >>> _("Sources")
    'Lähteet'
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # nor pathlib, functools, collections: `mentorcore --version` reads this module
    import gettext
    from collections.abc import Callable, Collection, Iterator, Mapping
    from pathlib import Path
    from typing import Any, BinaryIO

    LOCALE_DIR: Path  # the folder of the catalogs (module __getattr__)

LANGUAGES = ("fi", "sv", "en")
"""Languages of messages and documents; English is the language of the code."""

DEFAULT = "en"
DOMAIN = "mentorcore"
_LOCALE_DIR = os.path.join(os.path.dirname(os.path.realpath(__file__)), "locale")
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _code(value: str) -> str:
    """``fi_FI.UTF-8`` → ``fi``; ``sv-FI`` → ``sv``; ``EN`` → ``en``."""
    return value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


class UnknownLanguage(ValueError):
    """A language code none of :data:`LANGUAGES`; :func:`mentorcore.languages.check_language`
    turns a user's into a positioned error."""

    def __init__(self, value: str) -> None:
        super().__init__(f"unknown language {value!r} (choose one of: {', '.join(LANGUAGES)})")
        self.value = value


def supported(value: str) -> str:
    """The language code of ``fi_FI``, ``sv-FI``, ``EN``…; :class:`UnknownLanguage` if it is
    none of :data:`LANGUAGES`.

    >>> supported("fi_FI")
    'fi'
    """
    code = _code(value)
    if code not in LANGUAGES:
        raise UnknownLanguage(value)
    return code


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for, or English when it names none that is supported."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for part in value.split(":"):
            if part and _code(part) in LANGUAGES:
                return _code(part)
        if variable != "LANGUAGE":  # the first locale variable set decides (C, POSIX → English)
            return DEFAULT
    return DEFAULT


def language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of this run: ``explicit`` (from ``--lang``) if given, else the locale's;
    :class:`UnknownLanguage` for an unsupported one."""
    if explicit is not None:
        return supported(explicit)
    return locale_language(environ)


def __getattr__(name: str) -> object:
    if name == "LOCALE_DIR":  # a Path, made when asked for (pathlib costs start-up time)
        from pathlib import Path

        return Path(_LOCALE_DIR)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_CATALOGS: dict[str, gettext.NullTranslations] = {}


def _translations(code: str) -> gettext.NullTranslations:
    """The catalog of ``code``, read once."""
    found = _CATALOGS.get(code)
    if found is None:
        import gettext

        found = _CATALOGS[code] = gettext.translation(DOMAIN, localedir=_LOCALE_DIR,
                                                      languages=[code], fallback=True)
    return found


def translator(code: str | None = None) -> Callable[[str], str]:
    """The ``gettext`` function of a language (``None``: the locale's): ``_("Sources")``."""
    return _translations(language(code)).gettext


def plural_translator(code: str | None = None) -> Callable[[str, str, int], str]:
    """The ``ngettext`` function of a language: ``ngettext("{n} month", "{n} months", n)``."""
    return _translations(language(code)).ngettext


def context_translator(code: str | None = None) -> Callable[[str, str], str]:
    """The ``pgettext`` function of a language: ``pgettext("phase kind", "closing")``."""
    return _translations(language(code)).pgettext


_current = DEFAULT


def use(code: str | None) -> str:
    """Make ``code`` (``None``: English) the language of messages from library code; returns the
    language it replaces, so that a caller can restore it.

    >>> previous = use("fi")
    >>> _("no such file")
    'tiedostoa ei ole'
    >>> use(previous)
    'fi'
    """
    global _current
    previous = _current
    _current = DEFAULT if code is None else supported(code)
    return previous


def current() -> str:
    """The language of messages from library code (see :func:`use`)."""
    return _current


def _(message: str) -> str:
    """``message`` in the current language (:func:`use`), looked up when called."""
    if _current == DEFAULT:
        return message
    return _translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message in the current language, by ``n``."""
    if _current == DEFAULT:
        return singular if n == 1 else plural
    return _translations(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart by ``context`` from the same English
    word meaning something else (``pgettext("simulate table column", "end")``)."""
    if _current == DEFAULT:
        return message
    return _translations(_current).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for a marker
    """Mark ``message`` for extraction without translating it (help texts of the commands,
    labels in tables made at import time): it is translated where it is shown, e.g. by
    :mod:`mentorcore.cli.help`. Babel extracts ``N_`` by default (see babel.cfg)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - as N_
    """Mark a message with a plural (``singular``, ``plural``) for extraction, as :func:`N_`
    marks one without: babel.cfg names it a keyword (``N_plural:1,2``)."""
    return singular, plural


def summary(doc: str | None) -> str:
    """The first paragraph of a docstring on one line: how a model class describes itself in
    the JSON Schema (and so the message id of that description in the catalogs).

    >>> summary("A phase, on two\\n    lines.\\n\\n    More about it.")
    'A phase, on two lines.'
    """
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def extract_model_texts(fileobj: BinaryIO, keywords: Any, comment_tags: Collection[str],
                        options: Any) -> Iterator[tuple[Any, ...]]:
    """The Babel extraction method of the model classes (``[model_texts: …]`` in babel.cfg):
    what Babel's python method finds (with ``fact`` a keyword: each field's ``doc``), and the
    :func:`summary` of the docstring of each attrs class (``@attrs.frozen``, or
    :func:`mentorcore.records.record`, which is attrs), which the JSON Schema shows as the
    class's description (:mod:`mentorcore.schema`)."""
    import ast
    import io

    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and any(
                ast.unparse(decorator).startswith(("attrs.", "attr.", "record"))
                for decorator in node.decorator_list):
            text = summary(ast.get_docstring(node, clean=False))
            if text:
                yield node.lineno, None, text, []


def libraries_speak(code: str) -> Callable[[], None]:
    """Make the libraries that translate with the standard library's global gettext — click:
    "Usage:", "Error: No such option", "Missing argument", "Did you mean …" — speak ``code``
    through mentorcore's catalogs, until the function returned is called.

    ``gettext.gettext``, which click calls, looks its messages up in the global text domain, in
    the languages ``LANGUAGE`` names: the domain is made mentorcore's and ``LANGUAGE`` the
    run's language (``en``: none of the catalogs, the messages as written); the function
    returned restores both. Used by the command line for the whole run
    (:meth:`mentorcore.cli.help.HelpMixin.main`)."""
    import gettext

    code = supported(code)
    domain = gettext.textdomain()
    variable = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, _LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = code

    def restore() -> None:
        gettext.textdomain(domain)
        if variable is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = variable

    return restore


def alternatives(words: list[str] | tuple[str, ...]) -> str:
    """``["week", "month"]`` → ``week or month`` in the current language (``a or b or c``)."""
    result = words[0]
    for word in words[1:]:
        result = _("{first} or {second}").format(first=result, second=word)
    return result


__all__ = [
    "DEFAULT", "DOMAIN", "LANGUAGES", "LOCALE_DIR", "LOCALE_VARIABLES", "N_", "N_plural",
    "UnknownLanguage", "alternatives", "context_translator", "current", "extract_model_texts",
    "language",
    "libraries_speak", "locale_language", "ngettext", "pgettext", "plural_translator",
    "summary", "supported", "translator", "use",
]
