"""Model texts in the document's language, with a fallback that says which language it used.

A text missing in the document's language is taken from the model's own languages first (the
participants speak them), then English, Finnish, Swedish; it is marked as a
:class:`~mentorcore.render.document.Said` in that language, so the HTML page declares it.
"""

from __future__ import annotations

from mentorcore.model import Programme, Text, id_words
from mentorcore.model.text import NEUTRAL
from mentorcore.render.document import Inline, Said


class Texts:
    """Picks the version of each model text: ``Texts(programme, "fi").say(role.name)``."""

    def __init__(self, programme: Programme, language: str) -> None:
        self.programme, self.language = programme, language
        order = [language, NEUTRAL, *programme.languages, "en", "fi", "sv"]
        self.order = list(dict.fromkeys(order))
        self.fell_back: set[int] = set()

    def pick(self, text: Text) -> tuple[str, str]:
        """The text and the language it is in (the document's own for a neutral text)."""
        versions = {k: v for k, v in text.by_language.items() if v.strip()}
        for key in self.order:
            if key in versions:
                return versions[key], self.language if key == NEUTRAL else key
        key, value = next(iter(versions.items()), (self.language, ""))
        return value, key

    def say(self, text: Text | None, capital: bool = False) -> Inline:
        """The text as an inline value; ``capital`` starts it with a capital letter."""
        if text is None:
            return ""
        value, language = self.pick(text)
        if capital:
            value = value[:1].upper() + value[1:]
        if language == self.language:
            return value
        self.fell_back.add(id(text))
        return Said(value, language)

    def name(self, collection: str, item_id: str | None, capital: bool = False) -> Inline:
        """The display name of a role, unit, phase, event or form; its id when it has none."""
        if item_id is None:
            return ""
        item = self.programme.get(collection, item_id)
        name = getattr(item, "name", None)
        if name is None:
            text = id_words(item_id)
            return text[:1].upper() + text[1:] if capital else text
        return self.say(name, capital)

    def names(self, collection: str, ids: tuple[str, ...], separator: str = ", ") -> tuple:
        """Several names joined by ``separator``, as a tuple of inlines."""
        parts: list[Inline] = []
        for index, item_id in enumerate(ids):
            if index:
                parts.append(separator)
            parts.append(self.name(collection, item_id))
        return tuple(parts)
