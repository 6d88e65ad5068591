"""What a printed guide holds beside the facts of the process: the welcome letter, prose
chapters (background, advice on the roles…) and the published work contacts of the staff.

Contacts are the organisation's *published work contacts* — the names, work e-mails and phones
printed in its guide — not participant data: participants' personal data never belongs in a
model (it goes to participant lists, which are guarded and never printed).

YAML::

    welcome:
      to: [mentor]
      salutation: {fi: Arvoisa Auroras-mentori!}
      text: {fi: "Lämpimät kiitokset vielä kerran…"}     # Markdown paragraphs
      closing: {fi: Toivomme sinulle antoisia hetkiä Auroras-yksilömentorina!}
      date: {fi: Helmikuussa 2020}
      signature: [Emmi Juutilainen, Tanja Aakko]
      signed_as: {fi: Auroras-hankkeen työntekijät}
    chapters:
      - id: background
        after: purpose
        title: {fi: Yksilömentorointi Auroras-verkostossa}
        text: {fi: "Auroras-toiminta on käynnistynyt vuonna 2012…"}
    contacts:
      organisation: {fi: Auroras-hanke / Suomen Akateemisten Naisten Liitto}
      address: [Temppelikatu 13, 00100 Helsinki]
      people:
        - {name: Tanja Aakko, title: {fi: Hankekehittäjä}, email: tanja.aakko@auroras.fi}
      web: https://www.auroras.fi
      channels: [{service: Facebook, name: aurorasverkosto}]
"""

from mentorcore.model.fields import fact
from mentorcore.model.text import Text
from mentorcore.records import record

__all__ = ["CHAPTERS", "READERS", "Channel", "Chapter", "Contacts", "Letter", "Person"]

READERS = ("mentor", "mentee", "staff")
"""Whom a guide, a letter or a chapter is written to (``handbook --for``)."""

CHAPTERS = ("title", "purpose", "process", "phases", "meetings", "roles", "matching", "rules",
            "support", "reporting", "forms", "contacts", "sources")
"""The handbook's chapters, in order: a prose chapter comes ``after`` one of them."""


@record(kw_only=True)
class Letter:
    """A letter at the start of the guide (a welcome), signed by the staff."""

    to: tuple[str, ...] = fact("whom it is written to (mentor, mentee, staff); none: everyone",
                               factory=tuple, choices=READERS, example=["mentor"])
    salutation: Text | None = fact("the greeting", default=None,
                                   example={"fi": "Arvoisa Auroras-mentori!"})
    text: Text = fact("the letter, in Markdown (paragraphs, lists, **bold**, links)")
    closing: Text | None = fact("the closing line before the signature", default=None)
    date: Text | None = fact("when it was written, as the letter says it", default=None,
                             example={"fi": "Helmikuussa 2020"})
    signature: tuple[str, ...] = fact("who signs it (names)", factory=tuple,
                                      example=["Emmi Juutilainen", "Tanja Aakko"])
    signed_as: Text | None = fact("in what capacity they sign", default=None,
                                  example={"fi": "Auroras-hankkeen työntekijät"})
    source: str | None = fact("source id", default=None, ref="sources")


@record(kw_only=True)
class Chapter:
    """A chapter of prose in the guide (background, advice on the roles…), placed after one of
    the generated chapters."""

    id: str = fact("short id", example="background")
    after: str = fact("the generated chapter it follows", choices=CHAPTERS, example="purpose")
    title: Text = fact("its heading")
    text: Text = fact("its text, in Markdown (paragraphs, lists, **bold**, links, quotes)")
    to: tuple[str, ...] = fact("whom it is written to (mentor, mentee, staff); none: everyone",
                               factory=tuple, choices=READERS)
    source: str | None = fact("source id", default=None, ref="sources")


@record(kw_only=True)
class Person:
    """A member of staff as the guide publishes them: a work contact."""

    name: str = fact("name as published", example="Tanja Aakko")
    title: Text | None = fact("job title", default=None, example={"fi": "Hankekehittäjä"})
    email: str | None = fact("work e-mail", default=None, example="tanja.aakko@auroras.fi")
    phone: str | None = fact("work phone", default=None, example="+358 50 467 3510")


@record(kw_only=True)
class Channel:
    """Where the organisation can be followed: a service and the name to search for."""

    service: str = fact("the service", example="Facebook")
    name: str = fact("the name or address to look for", example="aurorasverkosto")


@record(kw_only=True)
class Contacts:
    """The organisation's published work contacts (never participants' data)."""

    organisation: Text | None = fact("the organisation's name as it signs", default=None)
    address: tuple[str, ...] = fact("postal address, one line each", factory=tuple,
                                    example=["Temppelikatu 13", "00100 Helsinki"])
    people: tuple[Person, ...] = fact("staff to contact", factory=tuple)
    web: str | None = fact("web site", default=None, example="https://www.auroras.fi")
    channels: tuple[Channel, ...] = fact("social media", factory=tuple)
    source: str | None = fact("source id", default=None, ref="sources")
