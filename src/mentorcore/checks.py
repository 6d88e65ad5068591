"""Checks: every kind of problem mentorcore reports, with a stable id and a severity.

Loader problems (E0xx, E1xx) are found while reading and structuring a file; semantic checks
(E2xx, W2xx) are functions over a loaded :class:`~mentorcore.model.Programme`, registered through
the ``register_checks`` hook — the built-in ones exactly like a plugin's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from mentorcore.diagnostics import Diagnostic, PathElement, Severity
from mentorcore.records import record

if TYPE_CHECKING:
    from mentorcore.model import Programme
    from mentorcore.plugins import Registry


@record(kw_only=True)
class Finding:
    """What a check function yields: where (a path in the model) and what is wrong."""

    path: tuple[PathElement, ...]
    message: str
    hint: str | None = None


CheckFunction = Callable[["Programme", "Registry"], Iterable[Finding]]
"""A check: ``function(programme, registry)`` yields what is wrong with the programme."""


@record(kw_only=True)
class Check:
    """A rule: ``id`` (e.g. ``E201``), a short ``name``, a ``severity`` and a ``summary``.

    ``function(programme, registry)`` yields :class:`Finding` values; loader rules have none.
    """

    id: str
    name: str
    severity: Severity
    summary: str
    function: CheckFunction | None = attrs.field(default=None, eq=False)

    def diagnostic(self, finding: Finding) -> Diagnostic:
        return Diagnostic(rule=self.id, severity=self.severity, message=finding.message,
                          path=finding.path, hint=finding.hint)

    def error(self, message: str, path: tuple[PathElement, ...] = (),
              hint: str | None = None) -> Diagnostic:
        return self.diagnostic(Finding(path=path, message=message, hint=hint))


def _loader(id: str, name: str, summary: str) -> Check:
    return Check(id=id, name=name, severity=Severity.ERROR, summary=summary)


IO = _loader("E001", "io", "the file is missing, a directory, or cannot be read")
ENCODING = _loader("E002", "encoding", "the file is not UTF-8 text")
SYNTAX = _loader("E003", "yaml-syntax", "the YAML is malformed (including tab indentation)")
DUPLICATE_KEY = _loader("E004", "duplicate-key", "a key appears twice in one map")
FORBIDDEN_TAG = _loader("E005", "forbidden-tag", "a YAML tag that would construct an object")
LIMIT = _loader("E006", "limit", "the file is too large, too deep, or expands too much")
NOT_A_MODEL = _loader("E007", "not-a-model", "the file is empty or its top level is not a map")
PARENT_MISSING = _loader("E010", "parent-missing", "`extends` names no known model or file")
EXTENDS_CYCLE = _loader("E011", "extends-cycle", "models extend each other in a cycle")
PARENT_REFUSED = _loader("E014", "parent-refused",
                         "`extends` names a file outside the model's folder, an absolute path, "
                         "a file that is not .yaml/.yml, or not a regular file")
REMOVE_MISSING = _loader("E012", "remove-missing", "`remove: true` names no inherited item")
BAD_REMOVE = _loader("E013", "bad-remove", "`remove: true` used where nothing is inherited, "
                     "or beside other keys")
DUPLICATE_ID = _loader("E016", "duplicate-item", "two items of one list in one file have the "
                       "same id (in an adaptation the second would merge into the first)")
KIND_CHANGED = Check(id="W017", name="kind-changed", severity=Severity.WARNING,
                     summary="an adaptation changes the kind of an inherited item")
INHERITED_SOURCE = Check(id="W018", name="inherited-source", severity=Severity.WARNING,
                         summary="a value an adaptation changes still cites the parent's source")
UNKNOWN_KEY = _loader("E101", "unknown-key", "a key the model format does not know")
WRONG_TYPE = _loader("E102", "wrong-type", "a value of the wrong type")
MISSING_KEY = _loader("E103", "missing-key", "a required key is missing")
INVALID_VALUE = _loader("E104", "invalid-value", "a value outside the allowed words or units")

PLUGIN_LOAD_FAILED = _loader("E300", "plugin-load-failed",
                             "a plugin failed to import or was refused by the plugin manager")
PLUGIN_FAILED = _loader("E301", "plugin-failed",
                        "a plugin's hook failed, ran past the time limit, or registered the "
                        "wrong kind of thing")
PLUGIN_DISABLED = Check(id="W300", name="plugin-disabled", severity=Severity.WARNING,
                        summary="a plugin failed (at import, in a hook, or in what it "
                                "registered) and is disabled for the run; "
                                "`--strict-plugins` makes it fatal")
PLUGIN_DEPRECATED = Check(id="W301", name="plugin-uses-deprecated", severity=Severity.WARNING,
                          summary="a plugin uses a hook or an attribute of the plugin API that "
                                  "is deprecated: it works until the version named, then goes "
                                  "away (docs/plugins.md, Versions)")
NAME_COLLISION = _loader("E302", "plugin-name-collision",
                         "two plugins register the same name (a criterion, check id, kind, "
                         "format or command) without `replace=True`")
PLUGIN_INCOMPATIBLE = _loader("E303", "plugin-api-incompatible",
                              "a plugin declares a plugin API range this mentorcore is not in")
PLUGIN_UNKNOWN = _loader("E304", "unknown-plugin",
                         "`--disable-plugin` names no plugin of the run")

LOADER_CHECKS = (IO, ENCODING, SYNTAX, DUPLICATE_KEY, FORBIDDEN_TAG, LIMIT, NOT_A_MODEL,
                 PARENT_MISSING, PARENT_REFUSED, EXTENDS_CYCLE, REMOVE_MISSING, BAD_REMOVE,
                 DUPLICATE_ID, KIND_CHANGED, INHERITED_SOURCE,
                 UNKNOWN_KEY, WRONG_TYPE, MISSING_KEY, INVALID_VALUE)

__all__ = [
    "BAD_REMOVE", "Check", "CheckFunction", "DUPLICATE_ID", "DUPLICATE_KEY", "ENCODING",
    "EXTENDS_CYCLE", "FORBIDDEN_TAG", "Finding", "INHERITED_SOURCE", "INVALID_VALUE",
    "KIND_CHANGED", "IO", "LIMIT", "LOADER_CHECKS",
    "MISSING_KEY", "NAME_COLLISION", "NOT_A_MODEL", "PARENT_MISSING", "PARENT_REFUSED",
    "PLUGIN_DEPRECATED", "PLUGIN_DISABLED",
    "PLUGIN_FAILED", "PLUGIN_INCOMPATIBLE", "PLUGIN_LOAD_FAILED", "PLUGIN_UNKNOWN",
    "REMOVE_MISSING", "SYNTAX", "UNKNOWN_KEY", "WRONG_TYPE",
]
