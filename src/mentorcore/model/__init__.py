"""The core vocabulary of mentorcore as frozen attrs classes.

A :class:`Programme` holds roles, units, phases (each possibly with a cadence and exit rules),
events, forms, reports, rules of conduct, support, matching rules, resources, sources and
assumptions. Quantities are :class:`Range` values with units; texts are :class:`Text` values in
one or more languages.

The modules of the model classes evaluate their annotations when they are imported (no
``from __future__ import annotations``): a field's type is then a type, not a text to compile,
and structuring a model resolves none (~2 ms of every ``validate``). A class body refers to a
class defined after it only in quotes.
"""

from mentorcore.model.cadence import Cadence
from mentorcore.model.calendar import CalendarSettings
from mentorcore.model.conduct import ConductRule, Support
from mentorcore.model.event import Event
from mentorcore.model.form import Form, FormField
from mentorcore.model.matching import Matching, MatchingRule
from mentorcore.model.participant import ParticipantData, ParticipantField
from mentorcore.model.phase import Alternative, ExitRule, Phase
from mentorcore.model.programme import (
    COLLECTIONS,
    Programme,
    TargetGroup,
    id_words,
    name_in,
    walk,
)
from mentorcore.model.quantity import Range
from mentorcore.model.report import Report
from mentorcore.model.role import Requirement, Role
from mentorcore.model.source import Assumption, Resource, Source
from mentorcore.model.text import Text
from mentorcore.model.unit import Unit

__all__ = [
    "COLLECTIONS", "Alternative", "Assumption", "Cadence", "CalendarSettings", "ConductRule",
    "Event", "ExitRule", "Form", "FormField", "Matching", "MatchingRule", "ParticipantData",
    "ParticipantField", "Phase", "Programme", "Range", "Report",
    "Requirement", "Resource", "Role", "Source", "Support", "TargetGroup", "Text", "Unit",
    "id_words", "name_in", "walk",
]
