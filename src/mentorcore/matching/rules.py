"""Rule resolution: the model's matching rules turned into criteria with checked parameters.

Each rule's criterion is looked up among the criteria the plugins register (the built-in ones
too), its weight and parameters checked against the criterion's declaration, and every
parameter that names a participant field checked against the participant schema (declared, for
the roles on that side, of a type the criterion reads) and the list (a column of it). Every
problem is reported at once; a preference whose column the list lacks is left out with a
warning (W506), a hard rule's missing column is an error (E403).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from mentorcore.diagnostics import Diagnostic, MentorcoreError
from mentorcore.i18n import _, alternatives
from mentorcore.kinds import Criterion
from mentorcore.matching import problems
from mentorcore.matching.participants import Participants
from mentorcore.matching.plan import Plan
from mentorcore.model import MatchingRule, Programme
from mentorcore.records import record
from mentorcore.spelling import did_you_mean

if TYPE_CHECKING:
    from mentorcore.plugins import Registry

__all__ = ["Rule", "resolve_rules"]


@record(kw_only=True)
class Rule:
    """A model rule resolved against the plugins and the participant schema."""

    index: int
    rule: MatchingRule
    criterion: Criterion
    provider: str | None
    params: dict[str, Any]
    left_fields: tuple[str, ...]
    right_fields: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.rule.id


def resolve_rules(programme: Programme, plan: Plan, participants: Participants,
                  registry: Registry) -> tuple[list[Rule], list[Diagnostic]]:
    """Look up each rule's criterion and check its parameters; every problem at once. Returns
    the rules and warnings (preferences left out for want of their column)."""
    matching = programme.matching
    assert matching is not None
    declared = {f.id: f for f in
                (programme.participant_data.fields if programme.participant_data else ())}
    criteria = registry.criteria
    errors: list[Diagnostic] = []
    missing_columns: list[Diagnostic] = []
    skipped: list[Diagnostic] = []
    rules: list[Rule] = []
    for index, rule in enumerate(matching.rules):
        path = ("matching", "rules", index)
        criterion = criteria.get(rule.criterion)
        if criterion is None:
            hint = did_you_mean(rule.criterion, criteria)
            unavailable = registry.unavailable_provider("register_criteria", rule.criterion)
            provider = registry.disabled_provider("register_criteria", rule.criterion)
            if unavailable is not None and provider is None:
                hint = unavailable
            if provider is not None:
                hint = _("the criterion '{name}' is provided by the plugin {plugin}; is it "
                         "installed?").format(name=rule.criterion, plugin=provider)
            errors.append(problems.BAD_RULE.error(
                _("unknown criterion '{name}'").format(name=rule.criterion),
                (*path, "criterion"), hint))
            continue
        if criterion.evaluate is None:
            errors.append(problems.BAD_RULE.error(
                _("criterion '{name}' cannot score pairs (its plugin gives no evaluate "
                  "function)").format(name=rule.criterion),
                (*path, "criterion")))
            continue
        if not (rule.weight >= 0 and math.isfinite(rule.weight)):
            errors.append(problems.BAD_RULE.error(
                _("a weight must be 0 or more"), (*path, "weight"),
                _("to avoid pairs, make a hard rule instead")))
        if plan.mode == "split":
            if plan.unit.composition:
                message = _("unit '{unit}' is a group of {composition}: rules between two "
                            "people do not apply").format(unit=plan.unit.id,
                                                          composition=plan.unit.composition)
            else:
                message = _("unit '{unit}' is a group of people: rules between two people do "
                            "not apply").format(unit=plan.unit.id)
            errors.append(problems.BAD_RULE.error(
                message, path, _("balance the groups with the unit's balance field")))
            continue
        known = {p.name: p for p in criterion.params}
        for name in rule.params:
            if name not in known:
                errors.append(problems.BAD_RULE.error(
                    _("criterion '{name}' has no parameter '{param}'").format(
                        name=rule.criterion, param=name),
                    (*path, "params", name),
                    did_you_mean(name, known) or (
                        _("parameters: {params}").format(params=", ".join(known)) if known
                        else _("it takes no parameters"))))
        params = {p.name: rule.params.get(p.name, p.default) for p in criterion.params}
        left_fields: list[str] = []
        right_fields: list[str] = []
        left_out = False
        for param in criterion.params:
            value = params[param.name]
            where = (*path, "params", param.name)
            if value is None:
                if param.required:
                    errors.append(problems.BAD_RULE.error(
                        _("criterion '{name}' needs the parameter '{param}' "
                          "({description})").format(name=rule.criterion, param=param.name,
                                                    description=param.description),
                        (*path, "params")))
                continue
            if param.side is None:
                continue
            if not isinstance(value, str):
                errors.append(problems.BAD_RULE.error(
                    _("parameter '{param}' names a participant field (a column "
                      "name)").format(param=param.name), where))
                continue
            field = declared.get(value)
            if field is None:
                errors.append(problems.BAD_RULE.error(
                    _("parameter '{param}' names field '{field}', which participant_data does "
                      "not declare").format(param=param.name, field=value), where,
                    did_you_mean(value, declared)
                    or _("declare it under participant_data.fields")))
                continue
            sides = {"left": plan.left_roles, "right": plan.right_roles,
                     "both": plan.left_roles + plan.right_roles}[param.side]
            if field.roles and not set(sides) <= set(field.roles):
                errors.append(problems.BAD_RULE.error(
                    _("parameter '{param}' names field '{field}', which the model declares "
                      "for {roles} only, not for {others}").format(
                          param=param.name, field=value, roles=", ".join(field.roles),
                          others=", ".join(r for r in sides if r not in field.roles)),
                    where))
                continue
            if param.types and field.type not in param.types:
                errors.append(problems.BAD_RULE.error(
                    _("parameter '{param}' names field '{field}' of type {type}; criterion "
                      "'{name}' needs {types}").format(
                          param=param.name, field=value, type=field.type, name=rule.criterion,
                          types=alternatives(param.types)), where))
                continue
            if participants.field(value) is None:
                if rule.hard:
                    missing_columns.append(problems.MISSING_COLUMN.error(
                        _("missing column '{column}', which hard rule '{rule}' uses").format(
                            column=value, rule=rule.id),
                        hint=_("add the column, or remove the rule")).with_position(
                            participants.source, 1, None))
                else:
                    skipped.append(problems.SKIPPED_RULE.error(
                        _("preference '{rule}' is left out: the list has no column "
                          "'{column}'").format(rule=rule.id, column=value),
                        hint=_("add the column to use it")).with_position(
                            participants.source, 1, None))
                    left_out = True
                continue
            if param.side in ("left", "both"):
                left_fields.append(value)
            if param.side in ("right", "both"):
                right_fields.append(value)
        if left_out:
            continue
        rules.append(Rule(index=index, rule=rule, criterion=criterion,
                          provider=registry.provider("register_criteria", rule.criterion),
                          params=params, left_fields=tuple(dict.fromkeys(left_fields)),
                          right_fields=tuple(dict.fromkeys(right_fields))))
    capacity_field = matching.capacity_field
    if capacity_field is not None:
        field = declared.get(capacity_field)
        if field is None or field.type != "number":
            errors.append(problems.BAD_RULE.error(
                _("capacity_field names '{field}', which participant_data does not declare "
                  "as a number").format(field=capacity_field),
                ("matching", "capacity_field"), did_you_mean(capacity_field, declared)))
    if errors:
        raise MentorcoreError(errors)
    if missing_columns:
        raise MentorcoreError(list(dict.fromkeys(missing_columns)))
    return rules, list(dict.fromkeys(skipped))
