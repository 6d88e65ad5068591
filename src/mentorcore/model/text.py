"""Texts in several languages: a plain string, or a map from language code to string.

YAML::

    name: Womento-työuramentorointi              # one text for every language
    name: {fi: Kielikaveri, sv: Språkvän, en: Language buddy}
"""

from collections.abc import Iterable, Mapping

import attrs

from mentorcore.records import record

NEUTRAL = "*"
"""The language key under which a plain (language-neutral) string is kept."""


def _sorted_by_language(texts: Mapping[str, str]) -> dict[str, str]:
    return dict(sorted(texts.items()))


@record
class Text:
    """A text by language code (``fi``, ``sv``, ``en``…); ``*`` holds a language-neutral text."""

    by_language: Mapping[str, str] = attrs.field(converter=_sorted_by_language)

    @classmethod
    def of(cls, value: str | Mapping[str, str]) -> "Text":
        return cls({NEUTRAL: value} if isinstance(value, str) else value)

    def get(self, language: str | None = None,
            fallbacks: Iterable[str] = ("en", "fi", "sv")) -> str:
        """The text in ``language``, else the neutral text, else the first of ``fallbacks``."""
        for key in (language, NEUTRAL, *fallbacks):
            if key is not None and key in self.by_language:
                return self.by_language[key]
        return next(iter(self.by_language.values()), "")

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.by_language) - {NEUTRAL}

    def missing(self, languages: Iterable[str]) -> list[str]:
        """The ``languages`` this text has no version in (none when it is language-neutral).

        >>> Text({"fi": "Tervetuloa", "en": " "}).missing(["fi", "sv", "en"])
        ['sv', 'en']
        """
        if NEUTRAL in self.by_language:
            return []
        return [code for code in languages if not self.by_language.get(code, "").strip()]

    def __str__(self) -> str:
        return self.get()

    def to_yaml(self) -> str | dict[str, str]:
        if set(self.by_language) == {NEUTRAL}:
            return self.by_language[NEUTRAL]
        return dict(self.by_language)
