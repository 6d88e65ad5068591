"""How model attributes are declared: documentation, units and references as field metadata.

Every attribute of a model class is declared with :func:`fact` so that the YAML reference
(``docs/authoring.md``), the JSON Schema and the reference checks are all derived from the
classes themselves rather than written twice.
"""

from typing import Any

import attrs

NOTHING = attrs.NOTHING


def fact(
    doc: str,
    *,
    default: Any = NOTHING,
    factory: Any = None,
    unit: str | None = None,
    units: frozenset[str] | None = None,
    ref: str | None = None,
    choices: tuple[str, ...] | None = None,
    example: Any = NOTHING,
    validator: Any = None,
    bounds: tuple[float, float] | None = None,
) -> Any:
    """Declare a model attribute.

    ``doc`` is its one-line reference documentation. ``unit`` is the unit a range takes when the
    author gives none (a cadence's ``per_month`` counts meetings per month); ``units`` restricts
    the units an author may write. ``ref`` names the programme collection whose ids the value
    refers to (``"phases"``, ``"roles"``…), checked by rule E201. ``choices`` lists the allowed
    words of an enumeration. ``example`` is shown in the YAML reference. ``bounds`` are the
    least and greatest number the attribute takes (a share: ``(0, 1)``), which its
    ``validator`` enforces and the JSON Schema states as ``minimum`` and ``maximum``.
    """
    metadata = {"doc": doc, "unit": unit, "units": units, "ref": ref, "choices": choices,
                "example": example, "bounds": bounds}
    if factory is tuple:  # an empty tuple is one value: a plain default, shorter __init__ code
        return attrs.field(default=(), metadata=metadata, validator=validator)
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata, validator=validator)
    return attrs.field(default=default, metadata=metadata, validator=validator)


def meta(field: attrs.Attribute, key: str) -> Any:
    """One piece of a field's metadata (``None`` when the field declared none)."""
    return field.metadata.get(key)
