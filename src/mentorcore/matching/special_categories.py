"""Special categories of personal data (GDPR Art. 9) in participant lists: the words in a column
name that suggest them, and how a message names a category.

A column that looks like special-category data (ethnic origin, refugee background, religion,
health…) is refused unless the model declares it with ``special_category``
(:mod:`mentorcore.matching.schema` applies the rule). The words are English, Finnish and
Swedish, matched as parts of the column name::

    >>> special_category_of("Refugee background")
    'ethnic_origin'
    >>> special_category_of("wished_field") is None
    True
"""

from __future__ import annotations

import re

from mentorcore.i18n import _

__all__ = ["SPECIAL_NAMES", "category_label", "special_category_of"]

SPECIAL_NAMES: dict[str, tuple[str, ...]] = {
    "ethnic_origin": ("ethnic", "ethnicity", "etninen", "etnisyys", "etnicitet", "refugee",
                      "pakolai", "asylum", "turvapaik", "flykting", "mother_tongue_group",
                      "nationality_origin", "country_of_origin", "lahtomaa", "syntyperä",
                      "unaccompanied", "yksintullut"),
    "racial_origin": ("race", "racial", "rotu", "ihonvari", "skin_colour", "skin_color"),
    "religion": ("religion", "religious", "faith", "uskonto", "uskontokunta", "religio",
                 "belief"),
    "health": ("health", "terveys", "disability", "vamma", "diagnos", "sairaus", "illness",
               "medical", "medication", "pregnan", "raskaus", "halsa"),
    "sexual_orientation": ("sexual", "seksuaal", "orientation", "suuntautuminen"),
    "political_opinion": ("politic", "poliitti", "party_member", "puolue"),
    "trade_union": ("trade_union", "union_member", "ammattiliitto", "ay_jasen"),
    "biometric": ("biometric", "fingerprint", "sormenjälki", "face_image", "kasvokuva"),
    "genetic": ("genetic", "geneett", "dna"),
}
"""Words in a column name that suggest GDPR Art. 9 data (English, Finnish, Swedish)."""

_SPACE = re.compile(r"\s+")


def special_category_of(column: str) -> str | None:
    """The Art. 9 category a column's name suggests, or ``None``. The name is compared
    case-folded, with spaces and hyphens read as underscores."""
    name = _SPACE.sub(" ", column).strip().casefold().replace(" ", "_").replace("-", "_")
    for category, words in SPECIAL_NAMES.items():
        if any(word in name for word in words):
            return category
    return None


def category_label(category: str) -> str:
    """How a message names a special category: ``ethnic_origin`` → ``ethnic origin``, in the
    language of the run."""
    labels = {
        "ethnic_origin": _("ethnic origin"), "racial_origin": _("racial origin"),
        "religion": _("religion"), "health": _("health"),
        "sexual_orientation": _("sexual orientation"),
        "political_opinion": _("political opinion"), "trade_union": _("trade union"),
        "biometric": _("biometric"), "genetic": _("genetic"),
    }
    return labels.get(category, category.replace("_", " "))
