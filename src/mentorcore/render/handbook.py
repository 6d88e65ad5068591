"""The handbook: a guide for mentors and mentees generated from the model.

Purpose and target group, the process in a nutshell, the phases (with dates when a start date
is given), meetings, roles, how pairs are formed, rules, support, reporting, sources, and the
forms as appendices — in Finnish, Swedish or English.

Example::

    >>> from mentorcore import Library
    >>> from mentorcore.render.handbook import render_handbook
    >>> text = render_handbook(Library().programme("auroras-individual"), "fi")
    >>> "Liite 1: Ensimmäinen tapaaminen" in text
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from mentorcore.i18n import translator
from mentorcore.model import Alternative, Event, Phase, Programme, Report, Text
from mentorcore.model.event import share_of
from mentorcore.model.guide import CHAPTERS
from mentorcore.records import record
from mentorcore.render import document as doc
from mentorcore.render.forms import appendix_title, form_blocks, section_blocks
from mentorcore.render.texts import Texts
from mentorcore.schedule import Schedule, build_schedule
from mentorcore.words import Words

FORMATS = ("md", "html")


@record
class PhaseDates:
    """When a phase starts and ends in the dated schedule (:mod:`mentorcore.schedule`).

    A latest date of ``None`` means open-ended (the units decide when the phase ends); ``timed``
    is false for a phase without an end date. The first and last dates are the same: the
    schedule gives one date (the fields stay for the code that reads windows).
    """

    first_start: dt.date
    last_start: dt.date | None
    first_end: dt.date
    last_end: dt.date | None
    start_approx: bool
    end_approx: bool
    timed: bool


def phase_dates(programme: Programme, start: dt.date, calendar: str = "finnish", *,
                schedule: Schedule | None = None) -> dict[str, PhaseDates]:
    """The dates of each phase the schedule dates when the programme starts on ``start``
    (the same dates as the simulation's and the calendar's; a phase after one whose units
    decide its length has none)."""
    schedule = schedule or build_schedule(programme, start, calendar)
    found = {}
    for phase in schedule.phases:
        if phase.start is None:
            continue
        found[phase.id] = PhaseDates(phase.start, phase.start, phase.end or phase.start,
                                     phase.end, False, False, phase.end is not None)
    return found


def _language_name(code: str, language: str) -> str:
    _ = translator(language)
    names = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}
    return names.get(code, code)


class _Handbook:
    """Builds the handbook's blocks; one instance per rendering."""

    def __init__(self, programme: Programme, language: str, start: dt.date | None,
                 calendar: str = "finnish",
                 default_days: Mapping[str, float] | None = None,
                 reader: str | None = None,
                 sections: Sequence[tuple[str, str]] = ()) -> None:
        self.p, self.language, self.start = programme, language, start
        self.plugin_sections = tuple(sections)
        self.reader = reader
        self._ = translator(language)
        self.w = Words(language)
        self.t = Texts(programme, language)
        self.schedule = (build_schedule(programme, start, calendar, language=language,
                                        default_days=default_days)
                         if start is not None else None)
        self.dates = (phase_dates(programme, start, schedule=self.schedule)
                      if start is not None else {})
        self.blocks: list[doc.Block] = []

    def add(self, *blocks: doc.Block) -> None:
        self.blocks.extend(blocks)

    def section(self, anchor: str, title: str) -> None:
        self.add(doc.Heading(2, (title,), anchor))

    # -- the parts ---------------------------------------------------------------------------

    def title(self) -> None:
        _, p, t = self._, self.p, self.t
        subtitle = {"mentor": _("A guide for mentors"), "mentee": _("A guide for mentees"),
                    "staff": _("A guide for the programme's staff")}.get(
            self.reader or "", _("A handbook for mentors and mentees"))
        self.add(doc.Heading(1, (t.say(p.name),)), doc.Paragraph((subtitle,)))
        if p.summary is not None:
            self.add(doc.Paragraph((t.say(p.summary),)))
        facts: list[tuple[str, doc.Line]] = [(_("Organisation"), (t.say(p.organisation),))]
        if p.region is not None:
            facts.append((_("Region"), (t.say(p.region),)))
        if p.languages:
            facts.append((_("Language of the mentoring"), (", ".join(
                _language_name(code, self.language) for code in p.languages),)))
        if p.voluntary is not None:
            facts.append((_("Mentors"), (_("volunteers") if p.voluntary else _("not volunteers"),)))
        if p.extends:
            facts.append((_("Based on"), (p.extends,)))
        self.add(doc.Facts(tuple(facts)))

    def _for_reader(self, to: tuple[str, ...]) -> bool:
        """Whether a letter or chapter written ``to`` some readers belongs in this guide."""
        return not to or self.reader is None or self.reader in to

    def _prose(self, text: Text, level: int = 3) -> tuple[doc.Block, ...]:
        from mentorcore.render.prose import to_blocks

        said = self.t.say(text)
        if isinstance(said, doc.Said):  # in another language: the whole text says so
            return tuple(doc.Paragraph((doc.Said(doc.plain(b.text), said.language),))
                         if isinstance(b, doc.Paragraph) else b
                         for b in to_blocks(said.text, level))
        return to_blocks(doc.plain((said,)), level)

    def welcome(self) -> None:
        letter, t = self.p.welcome, self.t
        if letter is None or not self._for_reader(letter.to):
            return
        self.section("welcome", doc.plain((t.say(letter.salutation),)) if letter.salutation
                     else self._("Welcome"))
        self.add(*self._prose(letter.text))
        if letter.closing is not None:
            self.add(doc.Paragraph((doc.Strong(doc.plain((t.say(letter.closing),))),)))
        if letter.date is not None:
            self.add(doc.Paragraph((t.say(letter.date),)))
        if letter.signature:
            names = list(letter.signature)
            signed = names[0] if len(names) == 1 else self._("{names} and {last}").format(
                names=", ".join(names[:-1]), last=names[-1])
            self.add(doc.Paragraph((signed,)))
        if letter.signed_as is not None:
            self.add(doc.Paragraph((t.say(letter.signed_as),)))

    def chapters_after(self, chapter: str) -> None:
        """The model's prose chapters that follow the generated ``chapter``."""
        for prose in self.p.chapters:
            if prose.after != chapter or not self._for_reader(prose.to):
                continue
            self.section(f"chapter-{prose.id}", doc.plain((self.t.say(prose.title, True),)))
            self.add(*self._prose(prose.text))

    def contacts(self) -> None:
        _, c, t = self._, self.p.contacts, self.t
        if c is None:
            return
        self.section("contacts", _("Contacts"))
        if c.organisation is not None or c.address:
            lines: list[doc.Inline] = []
            if c.organisation is not None:
                lines.append(doc.Strong(doc.plain((t.say(c.organisation),))))
            for line in c.address:
                lines += ([", "] if lines else []) + [line]
            self.add(doc.Paragraph(tuple(lines)))
        for person in c.people:
            self.add(doc.Heading(3, (person.name,)))
            facts: list[tuple[str, doc.Line]] = []
            if person.title is not None:
                facts.append((_("Title"), (t.say(person.title),)))
            if person.email:
                facts.append((_("E-mail"), (doc.Link(person.email, "mailto:" + person.email),)))
            if person.phone:
                facts.append((_("Phone"), (person.phone,)))
            if facts:
                self.add(doc.Facts(tuple(facts)))
        facts = []
        if c.web:
            facts.append((_("Web site"), (doc.Link(c.web.removeprefix("https://")
                                                  .removeprefix("http://"), c.web),)))
        for channel in c.channels:
            facts.append((channel.service, (channel.name,)))
        if facts:
            self.add(doc.Facts(tuple(facts)))

    def purpose(self) -> None:
        _, p, t = self._, self.p, self.t
        if not p.aims and p.target_group is None:
            return
        self.section("purpose", _("Purpose and target group"))
        if p.aims:
            self.add(doc.Paragraph((doc.Strong(_("The programme aims at")),)),
                     doc.Items(tuple((t.say(aim, capital=True),) for aim in p.aims)))
        group = p.target_group
        if group is not None:
            facts: list[tuple[str, doc.Line]] = [
                (_("Who it is for"), (t.say(group.description, capital=True),))]
            if group.age is not None:
                facts.append((_("Age"), (self.w.quantity(group.age, "year_of_age"),)))
            self.add(doc.Facts(tuple(facts)))

    def _phase_summary(self, phase: Phase) -> list[str]:
        _, w = self._, self.w
        parts = []
        if phase.duration is not None:
            parts.append(w.quantity(phase.duration))
        if phase.cadence is not None and w.cadence(phase.cadence):
            parts.append(w.cadence(phase.cadence))
        entry = w.entry(phase.entry)
        if entry is not None:
            parts.append(entry[0])
        if phase.optional:
            parts.append(_("taking part is optional"))
        return parts

    def nutshell(self) -> None:
        _, t = self._, self.t
        if not self.p.phases:
            return
        self.section("process", _("The process in a nutshell"))
        items = []
        for phase in self.p.phases:
            line: list[doc.Inline] = [doc.Strong(doc.plain((t.name("phases", phase.id, True),)))]
            summary = self._phase_summary(phase)
            if summary:
                line.append(": " + "; ".join(summary))
            items.append(tuple(line))
            for event in self.p.events:
                if event.phase == phase.id:
                    items.append((t.name("events", event.id, True), ": ",
                                  self._event_when(event)))
        for report in self.p.reports:
            line = [_("Feedback") if report.kind == "feedback" else _("Report"), ": ",
                    *t.names("roles", report.by), " → ", t.name("roles", report.to)]
            when = self._report_when(report)
            if when:
                line.append(", " + when)
            items.append(tuple(line))
        self.add(doc.Items(tuple(items), ordered=True))
        if self.start is not None:
            rows = []
            for phase in self.p.phases:
                rows.append(((t.name("phases", phase.id, True),), (self._start(phase),),
                             (self._end(phase) or "—",)))
            self.add(doc.Table(
                (_("Phase"), _("Starts"), _("Ends")), tuple(rows),
                caption=_("Dates when the programme starts on {date}: phases and events on "
                          "working days, none on public holidays or in breaks; a phase whose "
                          "participants decide its length has no end date, nor the phases "
                          "after it.").format(date=self.w.date(self.start))))

    def _start(self, phase: Phase) -> str:
        if phase.id not in self.dates:
            return "—"
        dates = self.dates[phase.id]
        return self.w.dates(dates.first_start, dates.last_start, dates.start_approx)

    def _end(self, phase: Phase) -> str:
        """The end dates of a phase; empty when the model gives it no duration."""
        dates = self.dates.get(phase.id)
        if dates is None or not dates.timed:
            return ""
        return self.w.dates(dates.first_end, dates.last_end, dates.end_approx)

    def phases(self) -> None:
        _, t, w = self._, self.t, self.w
        if not self.p.phases:
            return
        self.section("phases", _("Phases"))
        for phase in self.p.phases:
            heading = len(self.blocks)
            facts: list[tuple[str, doc.Line]] = []
            if phase.duration is not None:
                facts.append((_("Duration"), (w.quantity(phase.duration),)))
            if phase.id in self.dates:
                facts.append((_("Starts"), (self._start(phase),)))
                if self._end(phase):
                    facts.append((_("Ends"), (self._end(phase),)))
            if phase.cadence is not None and w.cadence(phase.cadence):
                facts.append((_("Meetings"), (w.cadence(phase.cadence),)))
            entry = w.entry(phase.entry)
            if entry is not None:
                facts.append((entry[1], (entry[2],)))
            if phase.optional:
                facts.append((_("Optional phase"),
                              (_("each participant decides whether to take part"),)))
            if facts:
                self.add(doc.Facts(tuple(facts)))
            if phase.description is not None:
                self.add(doc.Paragraph((t.say(phase.description, capital=True),)))
            if phase.alternatives:
                self.add(doc.Paragraph((doc.Strong(_("Or instead of this phase")),)),
                         self._alternatives(phase))
            if phase.themes:
                self.add(doc.Paragraph((doc.Strong(_("Typical themes")),)),
                         doc.Items(tuple((t.say(theme, capital=True),)
                                         for theme in phase.themes)))
            exits = []
            for rule in phase.exits:
                label = {"completion": _("Ends"), "early_end": _("May end early"),
                         "dropout": _("May stop")}.get(rule.kind, rule.kind)
                if rule.condition is not None:
                    exits.append((doc.Strong(label), ": ", t.say(rule.condition)))
            if exits:
                self.add(doc.Items(tuple(exits)))
            if len(self.blocks) > heading:  # a phase the model says nothing more of: no section
                self.blocks.insert(heading, doc.Heading(3, (t.name("phases", phase.id, True),)))

    def _mode_words(self, modes: Sequence[str]) -> str:
        """``face to face, online or by phone`` in the handbook's language."""
        _ = self._
        words = [{"face_to_face": _("face to face"), "online": _("online"),
                  "phone": _("by phone")}.get(mode, mode) for mode in modes]
        text = words[-1]
        if len(words) > 1:
            text = _("{first} or {second}").format(first=", ".join(words[:-1]), second=text)
        return text

    def _modes(self, modes: Sequence[str], chosen_by: str | None) -> str:
        """A cadence's ``modes`` and ``mode_chosen_by`` as a sentence."""
        _ = self._
        if len(modes) == 1:
            text = _("The meetings are held {modes}.").format(modes=self._mode_words(modes))
        else:
            text = _("The meetings are held {usual} as a rule; also {others}.").format(
                usual=self._mode_words(modes[:1]), others=self._mode_words(modes[1:]))
        if chosen_by is not None:
            text += " " + _("The {unit} agrees the form of its meetings.").format(
                unit=doc.plain((self.t.name("units", chosen_by),)))
        return text

    def _alternative(self, alternative: Alternative) -> list[doc.Inline]:
        """Another way to take a phase or an event: ``**Online self-study** (online), by
        agreement, then contact with the project staff``."""
        _, t = self._, self.t
        line: list[doc.Inline] = [doc.Strong(doc.plain((t.say(alternative.name,
                                                               capital=True),)))]
        if alternative.modes:
            line.append(" (" + self._mode_words(alternative.modes) + ")")
        if alternative.by_agreement:
            line.append(", " + _("by agreement"))
        if alternative.then is not None:
            line += [", " + _("then") + " ", t.say(alternative.then)]
        if alternative.description is not None:
            line += [". ", t.say(alternative.description, capital=True)]
        return line

    def _alternatives(self, phase: Phase) -> doc.Block:
        """Each other way to take a phase, one item each."""
        return doc.Items(tuple(tuple(self._alternative(a)) for a in phase.alternatives))

    def _event_when(self, event: Event) -> str:
        _, w = self._, self.w
        phase = doc.plain((self.t.name("phases", event.phase),))
        if event.timing == "once":
            share = share_of(event.at)
            if share == 0:
                text = _("at the start of {phase}").format(phase=phase)
            elif share == 1:
                text = _("at the end of {phase}").format(phase=phase)
            elif share == 0.5:
                text = _("in the middle of {phase}").format(phase=phase)
            else:
                text = _("{share} of the way through {phase}").format(
                    share=f"{self.w.number(round(share * 100))} %", phase=phase)
            phase_item = self.p.get("phases", event.phase)
            days = self.schedule.event_dates(event.id) if self.schedule is not None else ()
            if days and isinstance(phase_item, Phase):
                text += f" ({self.w.date(days[0])})"
            return text
        if event.timing == "spread" and event.count is not None:
            return _("{count} during {phase}").format(count=w.quantity(event.count, "event"),
                                                      phase=phase)
        text = _("once a month during {phase}").format(phase=phase)
        days = self.schedule.event_dates(event.id) if self.schedule is not None else ()
        if days:
            text += f" ({', '.join(self.w.date(day) for day in days)})"
        return text

    def meetings(self) -> None:
        _, t, w = self._, self.t, self.w
        cadenced = [phase for phase in self.p.phases if phase.cadence is not None]
        if not cadenced and not self.p.events:
            return
        self.section("meetings", _("Meetings"))
        for phase in cadenced:
            cadence = phase.cadence
            assert cadence is not None
            who = (t.name("units", cadence.unit, True) if cadence.unit
                   else t.name("phases", phase.id, True))
            items: list[doc.Line] = []
            if w.cadence(cadence):
                items.append((w.cadence(cadence)[:1].upper() + w.cadence(cadence)[1:],))
            if cadence.self_scheduled:
                items.append((_("The participants agree their own meeting times."),))
            if cadence.modes:
                items.append((self._modes(cadence.modes, cadence.mode_chosen_by),))
            if cadence.note is not None:
                items.append((t.say(cadence.note, capital=True),))
            self.add(doc.Paragraph((doc.Strong(doc.plain((who,))), " (",
                                    t.name("phases", phase.id), ")")),
                     doc.Items(tuple(items)))
        if self.p.events:
            self.add(doc.Heading(3, (_("Joint meetings and events"),)))
            items = []
            for event in self.p.events:
                line: list[doc.Inline] = [doc.Strong(doc.plain((t.name("events", event.id,
                                                                       True),))),
                                          ": " + self._event_when(event)]
                if event.audience:
                    line += ["; " + _("taking part") + ": ", *t.names("roles", event.audience)]
                if event.voluntary:
                    line.append("; " + _("voluntary"))
                if event.description is not None:
                    line += [". ", t.say(event.description, capital=True)]
                for number, alternative in enumerate(event.alternatives):
                    line += [". " if number == 0 else "; ",
                             _("Or instead") + ": " if number == 0 else "",
                             *self._alternative(alternative)]
                items.append(tuple(line))
            self.add(doc.Items(tuple(items)))

    def roles(self) -> None:
        _, t, w = self._, self.t, self.w
        if not self.p.roles and not self.p.units:
            return
        self.section("roles", _("Roles"))
        if self.p.roles:
            self.add(doc.Paragraph((_("Roles in the programme:") + " ",
                                    *t.names("roles", tuple(r.id for r in self.p.roles)))))
        for role in self.p.roles:
            if role.description is None and not role.volunteer and not role.requirements:
                continue  # named above; nothing more to say
            self.add(doc.Heading(3, (t.say(role.name, capital=True),)))
            if role.description is not None:
                self.add(doc.Paragraph((t.say(role.description, capital=True),)))
            if role.volunteer:
                self.add(doc.Paragraph((_("A voluntary, unpaid role."),)))
            if role.requirements:
                self.add(doc.Paragraph((doc.Strong(_("Who can take the role")),)),
                         doc.Items(tuple((t.say(r.text, capital=True),)
                                         for r in role.requirements)))
        if self.p.units:
            self.add(doc.Heading(3, (_("Pairs and groups"),)))
            items = []
            for unit in self.p.units:
                line: list[doc.Inline] = [doc.Strong(doc.plain((t.name("units", unit.id,
                                                                       True),)))]
                details: list[doc.Inline] = []
                if unit.roles:
                    details += list(t.names("roles", unit.roles, " + "))
                if unit.size is not None:
                    details += ["; " if details else "", w.quantity(unit.size)]
                if unit.led_by:
                    details += ["; " if details else "", _("led by") + " ",
                                *t.names("roles", unit.led_by)]
                if details:
                    line += [": ", *details]
                if unit.description is not None:
                    line += [". ", t.say(unit.description, capital=True)]
                items.append(tuple(line))
            self.add(doc.Items(tuple(items)))

    def matching(self) -> None:
        _, t = self._, self.t
        matching = self.p.matching
        if matching is None:
            return
        rules = [r for r in matching.rules if r.text is not None]
        if matching.channel is None and not rules:
            return
        self.section("matching", _("How pairs are formed"))
        if matching.channel is not None:
            self.add(doc.Paragraph((t.say(matching.channel, capital=True),)))
        if rules:
            self.add(doc.Items(tuple(
                (t.say(r.text, capital=True), f" ({_('a requirement')})" if r.hard else "")
                for r in rules)))

    def rules(self) -> None:
        _, t = self._, self.t
        if not self.p.rules:
            return
        self.section("rules", _("Rules"))
        items = []
        for rule in self.p.rules:
            line: list[doc.Inline] = [t.say(rule.text, capital=True)]
            if rule.applies_to:
                line += [" (", *t.names("roles", rule.applies_to), ")"]
            items.append(tuple(line))
        self.add(doc.Items(tuple(items)))

    def support(self) -> None:
        _, t = self._, self.t
        if not self.p.support and not self.p.resources:
            return
        self.section("support", _("Support"))
        items = []
        for item in self.p.support:
            line: list[doc.Inline] = [t.say(item.text, capital=True)]
            who: list[doc.Inline] = []
            if item.by:
                who.append(t.name("roles", item.by))
            if item.to:
                who += [" → " if who else "→ ", *t.names("roles", item.to)]
            if item.regular:
                who += ["; " if who else "", _("regularly")]
            if who:
                line += [" (", *who, ")"]
            items.append(tuple(line))
        if items:
            self.add(doc.Items(tuple(items)))
        if self.p.resources:
            self.add(doc.Heading(3, (_("Materials"),)))
            resources = []
            for resource in self.p.resources:
                name = doc.plain((t.say(resource.name, capital=True),))
                line = [doc.Link(name, resource.url) if resource.url else doc.Strong(name)]
                if resource.description is not None:
                    line += [": ", t.say(resource.description)]
                resources.append(tuple(line))
            self.add(doc.Items(tuple(resources)))

    def _report_when(self, report: Report) -> str:
        t = self.t
        return self.w.report_when(
            report.when, doc.plain((t.name("phases", report.phase),)) if report.phase else None,
            doc.plain((t.name("events", report.event),)) if report.event else None)

    def reporting(self) -> None:
        _, t = self._, self.t
        if not self.p.reports:
            return
        self.section("reporting", _("Reporting and feedback"))
        items = []
        for report in self.p.reports:
            label = _("Feedback") if report.kind == "feedback" else _("Report")
            line: list[doc.Inline] = [doc.Strong(label), ": ",
                                      *t.names("roles", report.by), " → ",
                                      t.name("roles", report.to)]
            when = self._report_when(report)
            if when:
                line.append(", " + when)
            if report.contents:
                line.append(": ")
                for index, content in enumerate(report.contents):
                    line += ["; " if index else "", t.say(content)]
            items.append(tuple(line))
        self.add(doc.Items(tuple(items)))

    def forms(self) -> None:
        _, t = self._, self.t
        if not self.p.forms:
            return
        self.section("forms", _("Forms"))
        self.add(doc.Paragraph((_("The forms are at the end of this handbook:"),)),
                 doc.Items(tuple((doc.Link(doc.plain(appendix_title(t, form, number)),
                                           f"#form-{form.id}"),)
                                 for number, form in enumerate(self.p.forms, 1))))

    def sources(self) -> None:
        _ = self._
        if not self.p.sources:
            return
        self.section("sources", _("Sources"))
        items = []
        cited: dict[tuple[str, str | None], list[str]] = {}
        for source in self.p.sources:  # one line per document, its sections after its title
            sections = cited.setdefault((source.document, source.url), [])
            if source.section and source.section not in sections:
                sections.append(source.section)
        for (document, url), sections in cited.items():
            same = [s for s in self.p.sources if s.document == document]
            titled = next((s.title for s in same if s.title is not None), None)
            published = next((s.published for s in same if s.published is not None), None)
            line: list[doc.Inline] = [self.t.say(titled) if titled is not None else document]
            if published is not None:
                line += [" (", self.t.say(published), ")"]
            if sections:
                line += [": ", "; ".join(sections)]
            if url:
                line += [" ", doc.Link(url, url)]
            items.append(tuple(line))
        self.add(doc.Items(tuple(items)))
        self.add(doc.Paragraph((_("Generated by mentorcore from the model {id}.").format(
            id=self.p.id),)))

    def appendices(self) -> None:
        for number, form in enumerate(self.p.forms, 1):
            self.add(doc.Section(form_blocks(self.t, form, number), new_page=True))

    def extra_sections(self) -> None:
        """The sections plugins add (``register_sections``): a heading and the section's
        Markdown — paragraphs and ``- `` lists — as blocks."""
        self.add(*section_blocks(self.plugin_sections))

    def build(self) -> doc.Document:
        parts = {"title": self.title, "purpose": self.purpose, "process": self.nutshell,
                 "phases": self.phases, "meetings": self.meetings, "roles": self.roles,
                 "matching": self.matching, "rules": self.rules, "support": self.support,
                 "reporting": self.reporting, "forms": self.forms, "contacts": self.contacts,
                 "sources": self.sources}
        for name in CHAPTERS:
            if name == "sources":
                self.extra_sections()
            parts[name]()
            if name == "title":
                self.welcome()
            self.chapters_after(name)
        self.appendices()
        title = doc.plain((self.t.say(self.p.name),))
        return doc.Document(title=title, language=self.language, blocks=tuple(self.blocks),
                            contents_label=self._("Contents"))


def handbook(programme: Programme, language: str, start: dt.date | None = None, *,
             calendar: str = "finnish",
             default_days: Mapping[str, float] | None = None,
             reader: str | None = None,
             sections: Sequence[tuple[str, str]] = ()) -> doc.Document:
    """The handbook of ``programme`` in ``language`` as a document; ``start`` adds the dates
    of the schedule (:mod:`mentorcore.schedule`) on ``calendar`` (``finnish`` or ``plain``, as
    ``simulate --calendar``); ``default_days``: days of a phase kind without a duration;
    ``reader`` (``mentor``, ``mentee``, ``staff``; none: everyone) whom the guide is for;
    ``sections``: ``(title, Markdown)`` of the sections plugins add, before the sources
    (:func:`mentorcore.plugins.plugin_sections`)."""
    return _Handbook(programme, language, start, calendar, default_days, reader,
                     sections).build()


def render_handbook(programme: Programme, language: str, start: dt.date | None = None,
                    format: str = "md", *, template: Path | None = None,
                    calendar: str = "finnish",
                    default_days: Mapping[str, float] | None = None,
                    reader: str | None = None,
                    sections: Sequence[tuple[str, str]] = ()) -> str | bytes:
    """The handbook in one of :data:`~mentorcore.render.output.DOCUMENT_FORMATS`: Markdown
    (``md``), a self-contained HTML page (``html``), Word (``docx``) or ``pdf``; ``template``
    is an organisation's ``--template`` directory."""
    from mentorcore.render.output import render_document

    return render_document(handbook(programme, language, start, calendar=calendar,
                                    default_days=default_days, reader=reader,
                                    sections=sections), format,
                           template=template)


def untranslated(value: object, language: str) -> int:
    """How many texts in ``value`` (a programme, or some of its items) have no version in
    ``language`` (a document shows them in another language)."""
    from mentorcore.model.programme import texts

    return sum(1 for _path, text in texts(value) if text.missing((language,)))
