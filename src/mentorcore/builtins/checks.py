"""The built-in semantic checks: references, ranges, cadences, group sizes, phase order…

Each check is a :class:`~mentorcore.checks.Check` with a stable id, registered through the
``register_checks`` hook like a plugin's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from mentorcore.checks import Check, CheckFunction, Finding
from mentorcore.diagnostics import Severity
from mentorcore.hookspecs import Register, hookimpl
from mentorcore.i18n import _, alternatives, current
from mentorcore.model import (
    COLLECTIONS,
    MatchingRule,
    ParticipantField,
    Programme,
    Range,
    Requirement,
    Role,
    walk,
)
from mentorcore.model.fields import meta
from mentorcore.model.programme import LastResult, tuple_fields
from mentorcore.spelling import did_you_mean
from mentorcore.words import Words

if TYPE_CHECKING:
    from mentorcore.plugins import Registry

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@functools.cache
def _references_of(cls: type) -> tuple[tuple[str, str], ...]:
    """The fields of ``cls`` that refer to items, with the collection each refers to."""
    return tuple((field.name, meta(field, "ref")) for field in attrs.fields(cls)
                 if meta(field, "ref") is not None)


def references(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Every reference (role, unit, phase, event, form, source…) names an existing item."""
    ids: dict[str, list[str]] = {}
    for path, obj in walk(programme):
        for name, collection in _references_of(type(obj)):
            value = getattr(obj, name)
            targets = value if isinstance(value, tuple) else (value,)
            known = ids.get(collection)
            if known is None:
                known = ids[collection] = programme.ids(collection)
            for index, target in enumerate(targets):
                if target is None or target in known:
                    continue
                where = ((*path, name, index) if isinstance(value, tuple)
                         else (*path, name))
                yield Finding(path=where, message=_no_item(collection).format(id=target),
                              hint=_role_named(programme, collection, target)
                              or did_you_mean(target, known)
                              or (_("known: {ids}").format(ids=", ".join(known)) if known
                                  else _("the model has no {collection}").format(
                                      collection=collection)))


def _role_named(programme: Programme, collection: str, word: str) -> str | None:
    """A role referred to by its name in a language of the model (``mentoroitava``, ``aktori``):
    its id suggested."""
    if collection != "roles":
        return None
    from mentorcore.synonyms import role_meaning

    names = {role.id: list(role.name.by_language.values()) for role in programme.roles}
    found = role_meaning(word, names)
    return None if found is None else _("did you mean `{word}`?").format(word=found)


def _no_item(collection: str) -> str:
    """The message of a reference to a missing item of ``collection``, with ``{id}``."""
    messages = {
        "roles": _("no role with id '{id}'"),
        "units": _("no unit with id '{id}'"),
        "phases": _("no phase with id '{id}'"),
        "events": _("no event with id '{id}'"),
        "forms": _("no form with id '{id}'"),
        "resources": _("no resource with id '{id}'"),
        "sources": _("no source with id '{id}'"),
    }
    if collection in messages:
        return messages[collection]
    kind = collection.rstrip("s") if collection != "support" else "support item"
    return f"no {kind} with id '{{id}}'"


def form_use(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """A form's `used_at` names an event, a phase or each_meeting."""
    known = ["each_meeting", *programme.ids("events"), *programme.ids("phases")]
    for index, form in enumerate(programme.forms):
        if form.used_at is not None and form.used_at not in known:
            yield Finding(path=("forms", index, "used_at"),
                          message=_("'{name}' is no event, phase or each_meeting").format(
                              name=form.used_at),
                          hint=did_you_mean(form.used_at, known))


def _id_lists(programme: Programme) -> Iterator[tuple[tuple, tuple]]:
    """Every list of items with ids in the programme, with its path (remembered for the last
    programme: two checks read them)."""
    return _ID_LISTS.get(programme, _find_id_lists)


def _find_id_lists(programme: Programme) -> list[tuple[tuple, tuple]]:
    found = []
    for path, obj in walk(programme):
        for name in tuple_fields(type(obj)):
            value = getattr(obj, name)
            if isinstance(value, tuple) and value and attrs.has(type(value[0])) and \
                    hasattr(value[0], "id"):
                found.append(((*path, name), value))
    return found


_ID_LISTS: LastResult[tuple[tuple, tuple]] = LastResult()


def duplicate_ids(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Ids are unique within each list."""
    for path, items in _id_lists(programme):
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                yield Finding(path=(*path, index, "id"),
                              message=_("duplicate id '{id}' (also item {index})").format(
                                  id=item.id, index=seen[item.id]))
            seen.setdefault(item.id, index)


def id_style(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Ids are short lowercase ASCII."""
    if not _ID.match(programme.id):
        yield Finding(path=("id",),
                      message=_("id '{id}' should be short lowercase ASCII").format(
                          id=programme.id),
                      hint=_("letters a-z, digits, - and _"))
    for path, items in _id_lists(programme):
        for index, item in enumerate(items):
            if not _ID.match(item.id):
                yield Finding(path=(*path, index, "id"),
                              message=_("id '{id}' should be short lowercase ASCII").format(
                                  id=item.id),
                              hint=_("letters a-z, digits, - and _"))


def range_order(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Ranges have 0 ≤ min ≤ max."""
    for path, obj in walk(programme):
        if isinstance(obj, Range):
            if obj.min < 0:
                yield Finding(path=(*path, "min"), message=_("min is negative ({min})").format(
                    min=f"{obj.min:g}"))
            if obj.max is not None and obj.max < obj.min:
                yield Finding(path=(*path, "max"),
                              message=_("max {max} is less than min {min}").format(
                                  max=f"{obj.max:g}", min=f"{obj.min:g}"))


def cadence_total(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Cadence × duration agrees with the total count of meetings."""
    words = Words(current())
    for index, phase in enumerate(programme.phases):
        cadence = phase.cadence
        if cadence is None or cadence.total is None or phase.duration is None:
            continue
        frequency = cadence.per_month_range
        if frequency is None or phase.duration.unit not in ("day", "week", "month", "year"):
            continue
        # "about" widens each quantity by its one meaning (Range.approx_bounds)
        per_month_low, per_month_high = frequency.approx_bounds()
        months_low, months_high = phase.duration.in_months(about=True)
        low, high = per_month_low * months_low, per_month_high * months_high
        total_low, total_high = cadence.total.approx_bounds()
        if total_high < low or total_low > high:
            shown = [words.number(float(f"{value:.3g}")) for value in (low, high)]
            expected = (_("at least {quantity}").format(quantity=shown[0])
                        if high == float("inf") else shown[0] if shown[0] == shown[1]
                        else f"{shown[0]}–{shown[1]}")
            yield Finding(
                path=("phases", index, "cadence", "total"),
                message=_("{total} does not agree with {frequency} over {duration} (that gives "
                          "{expected} meetings)").format(
                              total=words.quantity(cadence.total),
                              frequency=words.quantity(frequency),
                              duration=words.quantity(phase.duration), expected=expected),
                hint=_("check the cadence, the duration or the total"))


def group_size(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Unit sizes, where given, are positive and fit the unit kind (a pair has 2 members)."""
    unit_kinds = getattr(registry, "unit_kinds", {})
    for index, unit in enumerate(programme.units):
        kind = unit_kinds.get(unit.kind)
        members = getattr(kind, "members", None)
        if unit.size is None:
            continue
        if unit.size.min < 1:
            yield Finding(path=("units", index, "size", "min"),
                          message=_("a unit's size must be at least 1, found {size}").format(
                              size=f"{unit.size.min:g}"))
        if members is not None and not unit.size.contains(members):
            yield Finding(path=("units", index, "size"),
                          message=_("a {kind} has {members} members, not {size}").format(
                              kind=unit.kind, members=members,
                              size=Words(current()).quantity(unit.size)))


def phase_order(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Phases are listed in the order their kinds happen (training before mentoring…)."""
    phase_kinds = getattr(registry, "phase_kinds", {})
    previous = None
    for index, phase in enumerate(programme.phases):
        kind = phase_kinds.get(phase.kind)
        if kind is None or kind.rank is None:
            continue
        if previous is not None and kind.rank < previous[1].rank:
            yield Finding(path=("phases", index, "kind"),
                          message=_("a {kind} phase comes after the {previous_kind} phase "
                                    "'{previous}'").format(kind=phase.kind,
                                                          previous_kind=previous[1].name,
                                                          previous=previous[0]),
                          hint=_("phases are listed in the order they happen"))
        previous = (phase.id, kind)


ONE_DAY_KINDS = {"start": "start", "closing": "end"}
"""Phase kinds that, without a duration or meetings, stand for one meeting: a kick-off (the
joint start meeting) or a closing event — and the ``at`` of the event they should be."""


def kick_off_and_closing(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """A kick-off or a closing event is an event of the phase units meet in, not a phase.

    The one way (docs/authoring.md, "Event"): the joint start meeting is a ``once`` event
    ``at: start`` of the phase in which units meet, the closing event one ``at: end`` of it.
    A phase of kind ``start`` or ``closing`` with neither a duration nor meetings is the other
    way, and warned."""
    meeting = next((p.id for p in programme.phases if p.cadence is not None
                    or p.kind in ("mentoring", "group_mentoring")), None)
    for index, phase in enumerate(programme.phases):
        at = ONE_DAY_KINDS.get(phase.kind)
        if at is None or phase.duration is not None or phase.cadence is not None:
            continue
        held = [e.id for e in programme.events if e.phase == phase.id]
        what = (_("the kick-off (a joint start meeting)") if at == "start"
                else _("the closing event"))
        example = f"{{timing: once, phase: {meeting or '…'}, at: {at}}}"
        yield Finding(path=("phases", index, "kind"),
                      message=_("phase '{phase}' of kind {kind} stands for {what}: model it as "
                                "an event of the phase units meet in").format(
                                    phase=phase.id, kind=phase.kind, what=what),
                      hint=(_("remove the phase and move {events} to {example}").format(
                          events=", ".join(f"'{e}'" for e in held), example=f"`{example}`")
                          if held else _("remove the phase and add an event {example}").format(
                              example=f"`{example}`")))


def early_end_condition(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """An early-end rule names its condition."""
    for index, phase in enumerate(programme.phases):
        for exit_index, rule in enumerate(phase.exits):
            unnamed = rule.condition is None or not str(rule.condition).strip()
            if rule.kind == "early_end" and unnamed:
                yield Finding(path=("phases", index, "exits", exit_index),
                              message=_("early end '{id}' does not name its condition").format(
                                  id=rule.id),
                              hint=_("add condition: e.g. 'the mentee is employed'"))


_HOOKS = {"phase kind": "register_phase_kinds", "unit kind": "register_unit_kinds",
          "criterion": "register_criteria"}


def _unknown(name: str, kind: str, known: dict[str, object],
             registry: Registry) -> Finding | None:
    if name in known:
        return None
    hint = did_you_mean(name, known)
    unavailable = registry.unavailable_provider(_HOOKS[kind], name)
    provider = None if unavailable is None or "--disable-plugin" not in unavailable else \
        registry.disabled_provider(_HOOKS[kind], name)
    if unavailable is not None and provider is None:
        hint = unavailable
    if provider is not None:
        provided = {
            "phase kind": _("the phase kind '{name}' is provided by the plugin {plugin}; is it "
                            "installed?"),
            "criterion": _("the criterion '{name}' is provided by the plugin {plugin}; is it "
                           "installed?"),
        }.get(kind, f"the {kind} '{{name}}' is provided by the plugin {{plugin}}; "
                    "is it installed?")
        hint = provided.format(name=name, plugin=provider)
    message = {
        "phase kind": _("unknown phase kind '{name}'"),
        "unit kind": _("unknown unit kind '{name}'"),
        "criterion": _("unknown criterion '{name}'"),
    }.get(kind, f"unknown {kind} '{{name}}'")
    return Finding(path=(), message=message.format(name=name), hint=hint)


def known_kinds(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Phase kinds, unit kinds and criteria are provided by installed plugins."""
    places: list[tuple[tuple[str | int, ...], str, str, str]] = [
        (("phases", i, "kind"), p.kind, "phase kind", "phase_kinds")
              for i, p in enumerate(programme.phases)]
    places += [(("units", i, "kind"), u.kind, "unit kind", "unit_kinds")
               for i, u in enumerate(programme.units)]
    if programme.matching is not None:
        places += [(("matching", "rules", i, "criterion"), r.criterion, "criterion", "criteria")
                   for i, r in enumerate(programme.matching.rules)]
    for path, name, kind, attribute in places:
        finding = _unknown(name, kind, getattr(registry, attribute), registry)
        if finding is not None:
            yield attrs.evolve(finding, path=path)


def event_timing(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Once events say when (`at`), spread events how many times (`count`)."""
    for index, event in enumerate(programme.events):
        path = ("events", index)
        if event.timing == "once" and event.at is None:
            yield Finding(path=(*path, "at"),
                          message=_("a once event needs `at: start` or `at: end`"))
        if event.timing != "once" and event.at is not None:
            yield Finding(path=(*path, "at"), message=_(
                "`at` is only for once events, not {timing}").format(timing=event.timing))
        if event.timing == "spread" and event.count is None:
            yield Finding(path=(*path, "count"), message=_("a spread event needs a `count`"))
        if event.timing != "spread" and event.count is not None:
            yield Finding(path=(*path, "count"), message=_(
                "`count` is only for spread events, not {timing}").format(timing=event.timing))


def _sourced_items(programme: Programme) -> Iterator[tuple[tuple, object]]:
    for collection in COLLECTIONS:
        if collection in ("sources", "assumptions"):
            continue
        for index, item in enumerate(getattr(programme, collection)):
            yield (collection, index), item
    if programme.target_group is not None:
        yield ("target_group",), programme.target_group
    if programme.matching is not None:
        yield ("matching",), programme.matching
        for index, rule in enumerate(programme.matching.rules):
            yield ("matching", "rules", index), rule


def sources_cited(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """In a model that declares its sources, every fact cites one."""
    if not programme.sources:
        return
    if programme.source is None:
        yield Finding(path=("source",), message=_("the programme-level facts cite no source"))
    for path, item in _sourced_items(programme):
        if getattr(item, "source", None) is None:
            yield Finding(path=path, message=_("this fact cites no source"),
                          hint=_("add `source: <id>` of an entry in `sources:`; for your "
                                 "organisation's own decision, an entry that says who decided "
                                 "and when (`decided_by`, `published`; `mentorcore new` writes "
                                 "one); or move the value to `assumptions`"))


def text_languages(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Every text has a version in each language the model declares in `languages`."""
    from mentorcore.model.programme import texts

    if not programme.languages:
        return
    declared = ", ".join(programme.languages)
    for path, text in texts(programme):
        missing = text.missing(programme.languages)
        if missing and any(v.strip() for v in text.by_language.values()):
            yield Finding(path=path,
                          message=_("no {languages} version of this text (the model declares "
                                    "languages: {declared})").format(
                                        languages=alternatives(missing), declared=declared),
                          hint=_("add {language}: …").format(language=missing[0]))


def empty_texts(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """A text is not empty in every language."""
    from mentorcore.model.programme import texts

    for path, text in texts(programme):
        if not "".join(text.by_language.values()).strip():  # blank in every language
            yield Finding(path=path, message=_("the text is empty in every language"),
                          hint=_("write it in at least one language, e.g. {example}").format(
                              example="{fi: …, en: …}"))


def _declared_fields(programme: Programme) -> dict[str, ParticipantField]:
    data = programme.participant_data
    return {f.id: f for f in (data.fields if data is not None else ())}


def _requirements(programme: Programme) -> Iterator[tuple[tuple, Role, Requirement]]:
    for i, role in enumerate(programme.roles):
        for j, requirement in enumerate(role.requirements):
            yield ("roles", i, "requirements", j), role, requirement


def _rule_fields(programme: Programme,
                 registry: Registry) -> Iterator[tuple[int, MatchingRule, str, str, bool]]:
    """(index, rule, parameter, field, given) for every parameter of a rule's criterion that
    names a participant field — given in the rule or the criterion's default."""
    if programme.matching is None:
        return
    criteria = getattr(registry, "criteria", {})
    for index, rule in enumerate(programme.matching.rules):
        criterion = criteria.get(rule.criterion)
        for param in getattr(criterion, "params", ()):
            if param.side is None:
                continue
            value = rule.params.get(param.name, param.default)
            if isinstance(value, str):
                yield index, rule, param.name, value, param.name in rule.params


def undeclared_attributes(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Requirements and matching rules read only declared participant fields.

    A requirement's attribute must be declared for the requirement's role; a rule's field is
    each parameter of its criterion that names one (given, or the criterion's default)."""
    declared = _declared_fields(programme)
    hint = _("declare it under participant_data.fields")
    for path, role, requirement in _requirements(programme):
        name = requirement.attribute
        if name is None:
            continue
        field = declared.get(name)
        if field is None:
            yield Finding(path=(*path, "attribute"),
                          message=_("requirement '{requirement}' reads attribute '{field}', which "
                                    "participant_data does not declare").format(
                                        requirement=requirement.id, field=name),
                          hint=did_you_mean(name, declared) or hint)
        elif field.roles and role.id not in field.roles:
            yield Finding(path=(*path, "attribute"),
                          message=_("requirement '{requirement}' of role {role} reads attribute "
                                    "'{field}', which participant_data declares for {roles} "
                                    "only").format(requirement=requirement.id, role=role.id,
                                                   field=name, roles=", ".join(field.roles)),
                          hint=_("add {role} to the field's roles").format(role=role.id))
    for index, rule, param, name, given in _rule_fields(programme, registry):
        if name in declared:
            continue
        where: tuple[str | int, ...] = ("matching", "rules", index)
        if given:
            message = _("rule '{rule}' reads field '{field}' (parameter '{param}'), which "
                        "participant_data does not declare").format(rule=rule.id, field=name,
                                                                   param=param)
            where = (*where, "params", param)
        else:
            message = _("rule '{rule}' reads field '{field}' (the default of parameter "
                        "'{param}'), which participant_data does not declare").format(
                            rule=rule.id, field=name, param=param)
        yield Finding(path=where, message=message, hint=did_you_mean(name, declared) or hint)


def requirement_fit(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """A requirement's one_of or range fits the type and values of its attribute.

    A range is for a number, one_of for text or a list (with values the field allows); a yes/no
    attribute needs neither."""
    from mentorcore.spelling import normalise

    declared = _declared_fields(programme)
    for path, _role, requirement in _requirements(programme):
        field = declared.get(requirement.attribute or "")
        if field is None:
            continue
        if requirement.range is not None and field.type != "number":
            yield Finding(path=(*path, "range"),
                          message=_("requirement '{requirement}' gives a range, but field "
                                    "'{field}' is of type {type}").format(
                                        requirement=requirement.id, field=field.id,
                                        type=field.type),
                          hint=_("a range applies to a number field"))
        if requirement.one_of and field.type not in ("text", "list"):
            hint = _("a yes/no requirement admits yes: leave out one_of") \
                if field.type == "boolean" else _("give a range instead")
            yield Finding(path=(*path, "one_of"),
                          message=_("requirement '{requirement}' gives one_of, but field "
                                    "'{field}' is of type {type}").format(
                                        requirement=requirement.id, field=field.id,
                                        type=field.type), hint=hint)
            continue
        allowed = {normalise(v) for v in field.values}
        for k, value in enumerate(requirement.one_of):
            if allowed and normalise(value) not in allowed:
                yield Finding(path=(*path, "one_of", k),
                              message=_("requirement '{requirement}' admits '{value}', which is "
                                        "not one of the values of field '{field}'").format(
                                            requirement=requirement.id, value=value,
                                            field=field.id),
                              hint=did_you_mean(value, field.values)
                              or _("values: {values}").format(values=", ".join(field.values)))


def requirement_admits_little(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """A requirement with an attribute tells eligible people from the others.

    It says what it admits (one_of, a range, or yes for a yes/no field), or a hard rule reads
    the attribute; one_of compares a field with fixed values and leaves some of them out; a
    yes/no answer it asks for is not a required field (an empty answer is "not eligible: no
    answer", not a refused list)."""
    from mentorcore.model.role import VALUE, requirement_kind
    from mentorcore.spelling import normalise

    declared = _declared_fields(programme)
    hard = {name for _i, rule, _p, name, _g in _rule_fields(programme, registry) if rule.hard}
    for path, _role, requirement in _requirements(programme):
        field = declared.get(requirement.attribute or "")
        if field is None:
            continue
        if requirement_kind(requirement, field) == VALUE and field.id not in hard:
            yield Finding(path=(*path, "attribute"),
                          message=_("requirement '{requirement}' admits any value of "
                                    "'{field}'").format(requirement=requirement.id,
                                                        field=field.id),
                          hint=_("give one_of or a range, or leave out the attribute so that "
                                 "staff check it"))
        elif requirement.one_of and field.type in ("text", "list"):
            allowed = {normalise(v) for v in requirement.one_of}
            if not field.values:
                yield Finding(path=(*path, "one_of"),
                              message=_("requirement '{requirement}' compares free text: a value "
                                        "written otherwise is not eligible").format(
                                            requirement=requirement.id),
                              hint=_("give field '{field}' its values").format(field=field.id))
            elif {normalise(v) for v in field.values} <= allowed:
                yield Finding(path=(*path, "one_of"),
                              message=_("every value of field '{field}' meets requirement "
                                        "'{requirement}': a row with another value is refused "
                                        "when the list is read, not listed as not "
                                        "eligible").format(requirement=requirement.id,
                                                           field=field.id),
                              hint=_("add the other values to the field's values"))
        if field.type == "boolean" and field.required:
            yield Finding(path=(*path, "attribute"),
                          message=_("requirement '{requirement}' asks for a yes/no answer that "
                                    "field '{field}' requires: an empty answer refuses the whole "
                                    "list instead of being not eligible (no answer)").format(
                                        requirement=requirement.id, field=field.id),
                          hint=_("leave out required: true"))


def assumptions_read(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Every assumption is read by an engine (the table of assumptions in docs/simulation.md)."""
    from mentorcore.model.assumptions import known_ids, reads, resolve

    found = reads(programme, getattr(registry, "unit_kinds", {}))
    seen: set[str] = set()
    for index, assumption in enumerate(programme.assumptions):
        reason = found.unread.get(assumption.id)
        if reason is None or assumption.id in seen:
            continue
        seen.add(assumption.id)
        path = ("assumptions", index, "id")
        if resolve(programme, assumption.id) is None:
            yield Finding(path=path, message=_("no engine reads the assumption '{id}'").format(
                              id=assumption.id),
                          hint=did_you_mean(assumption.id, known_ids(programme))
                          or _("the assumptions the engines read are listed in "
                               "docs/simulation.md"))
        else:
            yield Finding(path=path, message=_("nothing reads the assumption '{id}' in this "
                                               "model: {reason}").format(id=assumption.id,
                                                                        reason=reason),
                          hint=_("remove it, or give the model what reads it"))


def facts_read(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """Every fact the simulation could act on is read, or said not to be."""
    from mentorcore.model.assumptions import unread_facts

    for path, name, reason in unread_facts(programme):
        yield Finding(path=path, message=_("the simulation does not read `{name}`: "
                                           "{reason}").format(name=name, reason=reason),
                      hint=_("the handbook shows it; the simulation leaves it out"))
    totals = {p.id for p in programme.phases if p.cadence is not None
              and p.cadence.total is not None and p.cadence.unit is not None}
    units = {p.cadence.unit for p in programme.phases if p.cadence is not None}
    for index, event in enumerate(programme.events):
        if (event.unit in units and event.phase in totals and event.counts_as_meeting is None
                and event.timing == "once"):
            yield Finding(path=("events", index, "unit"),
                          message=_("event '{event}' is a meeting of '{unit}', but the model "
                                    "does not say whether it is one of the meetings in all; "
                                    "the simulation counts it on top").format(
                                        event=event.id, unit=event.unit),
                          hint=_("add counts_as_meeting: true or false"))


def required_plugins(programme: Programme, registry: Registry) -> Iterator[Finding]:
    """The plugins a model `requires:` are installed, enabled, working and of the version."""
    if not programme.requires:
        return
    from packaging.requirements import InvalidRequirement, Requirement

    manager = registry.manager
    for index, text in enumerate(programme.requires):
        path = ("requires", index)
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            yield Finding(path=path, message=_("'{requirement}' is no requirement").format(
                requirement=text), hint=_("write a distribution name and an optional version "
                                          "range, e.g. mentorcore-camp>=1.0"))
            continue
        wanted = _normal(requirement.name)
        plugins = [name for name, (dist, _v) in manager.distributions.items()
                   if _normal(dist) == wanted] or [name for name in manager.origins
                                                   if _normal(name) == wanted]
        disabled = [name for name, entry in manager.disabled_entry_points.items()
                    if wanted in (_normal(name), _normal(entry.distribution or ""))]
        install = _("install it: pip install '{requirement}'").format(requirement=text)
        if not plugins and disabled:
            yield Finding(path=path, message=_("the model requires {requirement}, which is "
                                               "disabled with --disable-plugin {name}").format(
                requirement=text, name=disabled[0]), hint=_("run without --disable-plugin "
                                                            "{name}").format(name=disabled[0]))
            continue
        if not plugins:
            yield Finding(path=path, message=_("the model requires {requirement}, which is not "
                                               "installed").format(requirement=text),
                          hint=install)
            continue
        failed = [name for name in plugins if manager.failed(name)]
        if failed:
            yield Finding(path=path, message=_("the model requires {requirement}, which failed: "
                                               "{reason}").format(
                requirement=text, reason=manager.failures[failed[0]].reason))
            continue
        versions = {version for name in plugins for version in (
            manager.distributions.get(name, ("", manager.origins.get(name, ("", None))[1]))[1],)
            if version is not None}
        if requirement.specifier and versions and not any(
                requirement.specifier.contains(v, prereleases=True) for v in versions):
            yield Finding(path=path, message=_("the model requires {requirement}; version "
                                               "{version} is installed").format(
                requirement=text, version=", ".join(sorted(str(v) for v in versions))),
                          hint=install)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _check(id: str, name: str, severity: Severity, function: CheckFunction) -> Check:
    summary = (function.__doc__ or name).strip().splitlines()[0]
    return Check(id=id, name=name, severity=severity, summary=summary, function=function)



CHECKS = (
    _check("E201", "unresolved-reference", Severity.ERROR, references),
    _check("E202", "range-order", Severity.ERROR, range_order),
    _check("E203", "duplicate-id", Severity.ERROR, duplicate_ids),
    _check("W204", "cadence-total", Severity.WARNING, cadence_total),
    _check("E205", "group-size", Severity.ERROR, group_size),
    _check("W206", "phase-order", Severity.WARNING, phase_order),
    _check("E207", "early-end-condition", Severity.ERROR, early_end_condition),
    _check("E208", "unknown-kind", Severity.ERROR, known_kinds),
    _check("E209", "event-timing", Severity.ERROR, event_timing),
    _check("W210", "source-cited", Severity.WARNING, sources_cited),
    _check("E211", "form-use", Severity.ERROR, form_use),
    _check("W212", "id-style", Severity.WARNING, id_style),
    _check("W213", "text-language", Severity.WARNING, text_languages),
    _check("E214", "empty-text", Severity.ERROR, empty_texts),
    _check("E215", "undeclared-attribute", Severity.ERROR, undeclared_attributes),
    _check("E216", "requirement-fit", Severity.ERROR, requirement_fit),
    _check("W217", "requirement-admits-little", Severity.WARNING, requirement_admits_little),
    _check("W218", "kick-off-as-phase", Severity.WARNING, kick_off_and_closing),
    _check("W220", "assumption-unread", Severity.WARNING, assumptions_read),
    _check("W221", "fact-unread", Severity.WARNING, facts_read),
    _check("E222", "plugin-required", Severity.ERROR, required_plugins),
)


@hookimpl
def register_checks(register: Register[Check]) -> None:
    for check in CHECKS:
        register(check)
