"""Loading a model: read, resolve ``extends``, structure, check — and locate every problem.

:func:`load` is the whole pipeline; it never raises for problems in the model, it returns them
as diagnostics located at ``file:line:col`` in the file that holds each offending value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mentorcore import checks
from mentorcore.diagnostics import Diagnostic, MentorcoreError, Severity
from mentorcore.i18n import _
from mentorcore.loading import adapting, extends
from mentorcore.loading.document import Document, Parents, display_name, load_document
from mentorcore.loading.structure import FieldProblem, Located, describe, fast_structurer
from mentorcore.model import Programme
from mentorcore.records import record
from mentorcore.spelling import did_you_mean

if TYPE_CHECKING:
    from mentorcore.loading.positions import PositionIndex
    from mentorcore.plugins import Registry


@record
class Loaded:
    """The result of loading one model: the programme (``None`` if it could not be built), its
    resolved data (what ``show`` prints) and every problem found, located."""

    reference: str
    programme: Programme | None
    data: dict[str, Any] | None
    diagnostics: tuple[Diagnostic, ...]
    origins: Origins | None = attrs.field(default=None, eq=False, repr=False)
    """Where each value of the resolved model came from (``None`` when it was not built)."""

    def locate(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Put diagnostics that engines report about this model (a path in the resolved model,
        no position) at the file, line and column of the value — in the parent's file for an
        inherited value. The one way every command locates a problem in a model."""
        locator = _Locator()
        for diagnostic in diagnostics:
            if (diagnostic.file is not None or not diagnostic.path or self.origins is None):
                # about another file (a participant list), already placed, or about no value
                locator.diagnostics.append(diagnostic)
            else:
                locator.in_merged(diagnostic, self.origins, False)
        return locator.diagnostics

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def ok(self) -> bool:
        return self.programme is not None and not self.errors


class _Locator:
    """Puts diagnostics at the file, line and column of the value they concern."""

    def __init__(self) -> None:
        self._indexes: dict[str, PositionIndex] = {}
        self.diagnostics: list[Diagnostic] = []

    def at(self, diagnostic: Diagnostic, document: Document, path: tuple, key: bool) -> None:
        index = self._indexes.get(document.display)
        if index is None:  # the first problem of this file: its positions are read now
            from mentorcore.loading.positions import PositionIndex

            index = self._indexes[document.display] = PositionIndex(document.text)
        line, column = index.locate(path, key=key)
        self.diagnostics.append(diagnostic.with_position(document.display, line, column))

    def at_node(self, diagnostic: Diagnostic, node: extends.Node, key: bool) -> None:
        self.at(diagnostic, node.document, node.path, key)

    def in_merged(self, diagnostic: Diagnostic, origins: Origins, key: bool) -> None:
        """Locate a diagnostic whose path is a path of the merged tree."""
        found = origins.find(diagnostic.path)
        if found is None:
            self.diagnostics.append(diagnostic)
        else:  # the path as the file that holds the value is written (its own item numbers)
            document, path = found
            self.at(attrs.evolve(diagnostic, path=path), document, path, key)


class Origins:
    """Where each value of the resolved model came from: which file, which path in it.

    A model without ``extends`` is its own origin; a merged model's origins are worked out
    only when a problem has to be located.
    """

    def __init__(self, document: Document, root: extends.Node | None = None) -> None:
        self._document, self._root = document, root
        self._table: dict[tuple, extends.Node] | None = None

    def find(self, path: tuple) -> tuple[Document, tuple] | None:
        if self._root is None:
            return self._document, path
        if self._table is None:
            self._table = extends.origins(self._root)
        for cut in range(len(path), -1, -1):
            node = self._table.get(tuple(path[:cut]))
            if node is not None:
                return node.document, (*node.path, *path[cut:])
        return None


def _adapts(document: Document) -> bool:
    """Whether the file removes an item (``remove: true``) or repeats an item's id (an item
    adapted in place): what only the merging path does."""
    facts = document.facts
    if facts is not None:  # seen while parsing
        return extends.REMOVE in facts.keys or facts.repeated_ids
    return _has_removals(document.data) or adapting.has_repeats(document.data)


def _has_removals(data: Any) -> bool:
    if isinstance(data, dict):
        return extends.REMOVE in data or any(_has_removals(v) for v in data.values())
    if isinstance(data, list):
        return any(_has_removals(v) for v in data)
    return False


def _resolve(document: Document, find_model: Any, locator: _Locator,
             chain: tuple[Path, ...], roots: tuple[Path, ...] = (),
             parents: Parents | None = None) -> extends.Node | None:
    node = extends.annotate(document.data, document)
    facts = document.facts  # what parsing saw, when the data is as parsed
    if facts is None or facts.repeated_ids:  # else no list repeats an id: nothing to drop
        node = adapting.unique_ids(node, locator.at_node)
    reference = extends.parent_reference(document.data)
    if reference is None:
        if facts is not None and extends.REMOVE not in facts.keys:  # nothing to remove
            return node
        return extends.strip_removals(node, locator.at_node)
    reference_node = node.value["extends"]
    adapting.own_id(node, locator.at_node)
    if not isinstance(reference, str):
        locator.at_node(checks.WRONG_TYPE.error(
            _("expected a model id or a relative path, found {found}").format(
                found=describe(reference)),
            ("extends",)), reference_node, False)
        return None
    if len(chain) >= extends.MAX_CHAIN:
        locator.at_node(checks.LIMIT.error(
            _("more than {limit} models in one extends chain").format(limit=extends.MAX_CHAIN),
            ("extends",), _("extend the model you adapt, not a chain of adaptations")),
            reference_node, False)
        return None
    try:
        parent = extends.resolve_parent(reference, document.path, find_model, roots)
    except extends.ParentRefused as refused:
        locator.at_node(checks.PARENT_REFUSED.error(
            _("cannot extend '{file}': {reason}").format(
                file=_shortened(reference), reason=refused.message), ("extends",),
            refused.hint), reference_node, False)
        return None
    if parent is None:
        if extends.is_path_reference(reference):
            message = _("parent file '{file}' not found").format(file=_shortened(reference))
            hint = _("the path is relative to this file")
        else:
            known = list(find_model.known())
            message = _("no model with id '{id}'").format(id=reference)
            hint = did_you_mean(reference, known) or _("see `mentorcore list`")
        locator.at_node(checks.PARENT_MISSING.error(message, ("extends",), hint), reference_node,
                        False)
        return None
    real = parent.resolve()
    if real in chain:
        names = " → ".join(display_name(p) for p in (*chain, real))
        locator.at_node(checks.EXTENDS_CYCLE.error(
            _("extends cycle: {models}").format(models=names), ("extends",)),
                        reference_node, False)
        return None
    try:
        parent_document, problems = load_document(parent, parents=parents, parent=True)
    except MentorcoreError as error:
        locator.diagnostics.extend(error.diagnostics)
        return None
    for problem in problems:
        locator.at(problem, parent_document, problem.path, True)
    parent_node = _resolve(parent_document, find_model, locator, (*chain, real), roots,
                           parents)
    if parent_node is None:
        return None
    adapting.check_overrides(parent_node, node, locator.at_node)
    return extends.merge(parent_node, node, locator.at_node)


def _shortened(reference: str) -> str:
    return reference if len(reference) <= 80 else reference[:77] + "..."


class ModelFinder:
    """Finds a bundled (or plugin-provided) model file by id."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self._paths = paths

    def __call__(self, model_id: str) -> Path | None:
        return self._paths.get(model_id)

    def known(self) -> list[str]:
        return sorted(self._paths)


def load(path: Path, *, registry: Registry, reference: str | None = None,
         extends_dirs: Iterable[Path] = (), parents: Parents | None = None) -> Loaded:
    """Load the model in ``path``: resolve ``extends``, structure and check it.

    ``registry`` supplies the models that ``extends`` may name and the checks to run;
    ``extends_dirs`` are folders whose files ``extends`` may name besides the folder (and
    subfolders) of the file that extends; ``parents``: the models parsed so far in the run as
    parents of others (:class:`~mentorcore.loading.document.Parents`), so that none is parsed
    twice.
    """
    reference = reference or display_name(path)
    locator = _Locator()
    try:
        document, problems = load_document(path, parents=parents)
    except MentorcoreError as error:
        if error.exit_code != 1:
            raise
        return Loaded(reference, None, None, error.diagnostics)
    for problem in problems:
        locator.at(problem, document, problem.path, True)
    if "extends" not in document.data and not _adapts(document):
        data, origins = document.data, Origins(document)  # the fast path: nothing to merge
    else:
        finder = ModelFinder(registry.model_paths())
        root = _resolve(document, finder, locator, (path.resolve(),), tuple(extends_dirs),
                        parents)
        if root is None:
            return Loaded(reference, None, None, tuple(sorted(locator.diagnostics, key=_order)))
        data, origins = extends.plain(root), Origins(document, root)
    programme, structure_problems = structure_programme(data)
    for diagnostic, key in structure_problems:
        locator.in_merged(diagnostic, origins, key)
    if programme is not None:
        from mentorcore.plugins import run_check

        for provided in registry.provided("register_checks"):
            check = provided.item
            if check.function is None:
                continue
            # a plugin's failing check is disabled with a warning (W300), named
            findings = run_check(registry, provided, programme, data)
            for finding in findings:
                locator.in_merged(check.diagnostic(finding), origins, False)
    diagnostics = sorted(locator.diagnostics, key=_order)
    return Loaded(reference, programme, data, tuple(diagnostics), origins)


def structure_programme(data: Mapping[str, Any]) -> tuple[Any, list[Located]]:
    """Structure the merged data into a :class:`~mentorcore.model.Programme`: by the fast pass
    when the model is valid, else by the detailed one, with every problem."""
    try:  # the fast path: a valid model needs no detailed error reporting
        return fast_structurer().structure(dict(data), Programme), []
    except Exception:  # noqa: BLE001 - something is wrong: find everything, in detail
        pass
    from cattrs.errors import ClassValidationError, IterableValidationError

    from mentorcore.loading.detailed import structurer, translate

    try:
        return structurer().structure(dict(data), Programme), []
    except (ClassValidationError, IterableValidationError, FieldProblem) as error:
        return None, translate(error)


def _order(d: Diagnostic) -> tuple:
    return (d.file or "", d.line or 0, d.column or 0, d.rule)


def strict(diagnostics: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    """Warnings become errors (``--strict``)."""
    return tuple(d.escalated() if d.severity is Severity.WARNING else d for d in diagnostics)
