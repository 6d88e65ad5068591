"""Turning a programme back into plain data (for ``show``, JSON and YAML output).

Defaults are left out, so the output reads like a model file and loads back to the same
programme.
"""

from __future__ import annotations

import functools
import io
import json
from typing import Any

import attrs
from cattrs import Converter
from cattrs.gen import make_dict_unstructure_fn

from mentorcore.model import Programme, Text


@functools.cache
def _converter() -> Converter:
    converter = Converter()
    converter.register_unstructure_hook(Text, lambda text: text.to_yaml())
    converter.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True))
    return converter


def programme_data(programme: Programme) -> dict[str, Any]:
    """The programme as plain data, with default values left out."""
    data = _converter().unstructure(programme)
    return _tidy(data)


def _tidy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_tidy(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def to_yaml(data: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


__all__ = [
    "programme_data", "to_json", "to_yaml",
]
