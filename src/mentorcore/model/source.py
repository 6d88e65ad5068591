"""Where facts come from, and what is assumed where the documents are silent."""

from mentorcore.model.fields import fact
from mentorcore.model.text import Text
from mentorcore.records import record


@record(kw_only=True)
class Source:
    """A document and the section of it that states facts; items cite it by ``id``."""

    id: str = fact("short id that items cite with `source:`", example="hyvat-kaytannot-womento")
    document: str = fact("file name or reference of the document",
                         example="000_c8d4e67aa64ceaaf.txt")
    title: Text | None = fact("the document's title, as documents cite it (a handbook lists "
                              "sources by title, never by file name)", default=None,
                              example={"fi": "Hyvät käytännöt: Womento"})
    section: str | None = fact("heading of the section that states the facts", default=None,
                               example="Väestöliiton Womento-työuramentorointi tukee…")
    url: str | None = fact("web address of the document, if public", default=None)
    published: Text | None = fact("when the document was published, per language", default=None,
                                  example={"fi": "syksy 2019", "en": "autumn 2019"})
    decided_by: str | None = fact("for the organisation's own decision: who decided (the board, "
                                  "the coordinator); `published` says when", default=None,
                                  example="the board of Kuopion Setlementti")


@record(kw_only=True)
class Assumption:
    """A value the documents do not give but a simulation or plan needs, with its rationale."""

    id: str = fact("name under which simulation and plugins look the value up",
                   example="cancellation_rate")
    value: float | str | bool = fact("the assumed value", example=0.1)
    unit: str | None = fact("unit of the value (ratio, hour, person…)", default=None,
                            example="ratio")
    rationale: Text = fact("one line on why this value is reasonable",
                           example="volunteers' schedules clash now and then")


@record(kw_only=True)
class Resource:
    """A material a programme can point to: a materials bank, a guide, a catalogue page."""

    id: str = fact("short id", example="auroras-materiaalipankki")
    name: Text = fact("display name")
    description: Text | None = fact("what it offers", default=None)
    url: str | None = fact("web address", default=None)
    audience: tuple[str, ...] = fact("roles it is meant for", factory=tuple, ref="roles")
    source: str | None = fact("source id", default=None, ref="sources")
