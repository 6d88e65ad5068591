"""Shell completion: model ids and model files, ``--lang`` codes and ``--format`` values.

click completes commands, options and the values of a ``click.Choice`` (every ``--format``) by
itself; this module adds what click cannot know — the ids of the models the run's plugins
provide, beside ``*.yaml`` files — to every argument that names a model (``MODEL``,
``MODELS``, ``BASE``, ``OTHER``, ``new --from``), and the language codes to ``--lang``.
Enable it once in the shell's start-up file::

    eval "$(_MENTORCORE_COMPLETE=bash_source mentorcore)"      # ~/.bashrc
    eval "$(_MENTORCORE_COMPLETE=zsh_source mentorcore)"       # ~/.zshrc
    _MENTORCORE_COMPLETE=fish_source mentorcore | source       # ~/.config/fish/config.fish
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # imported when the shell asks for completions, not at every start
    from click.shell_completion import CompletionItem

MODEL_PARAMETERS = frozenset({"model", "models", "base", "other", "parent"})
"""Names of the parameters whose values are models (an id or a file)."""

__all__ = ["MODEL_PARAMETERS", "add_completion", "complete_languages", "complete_models"]


def complete_models(ctx: click.Context, param: click.Parameter,
                    incomplete: str) -> list[CompletionItem]:
    """The model ids starting with ``incomplete``, then the ``.yaml`` files and folders."""
    from click.shell_completion import CompletionItem

    from mentorcore.cli.session import Session

    root = ctx.find_root()
    session = root.obj if isinstance(root.obj, Session) else Session()
    items = []
    if "/" not in incomplete:
        try:
            ids = sorted(session.registry.model_paths())
        except Exception:  # noqa: BLE001 - completion must never fail the shell
            ids = []
        items = [CompletionItem(model_id) for model_id in ids if model_id.startswith(incomplete)]
    folder, _sep, start = incomplete.rpartition("/")
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:
        names = []
    for name in names:
        path = f"{folder}/{name}" if folder else name
        if not name.startswith(start) or name.startswith(".") and not start.startswith("."):
            continue
        if os.path.isdir(path):
            items.append(CompletionItem(path + "/", type="plain"))
        elif name.endswith((".yaml", ".yml")):
            items.append(CompletionItem(path, type="plain"))
    return items


def complete_languages(ctx: click.Context, param: click.Parameter,
                       incomplete: str) -> list[CompletionItem]:
    """The language codes of messages and documents."""
    from click.shell_completion import CompletionItem

    from mentorcore.i18n import LANGUAGES

    return [CompletionItem(code) for code in LANGUAGES if code.startswith(incomplete.lower())]


def add_completion(command: click.Command) -> click.Command:
    """Give ``command`` (and its subcommands) completion of models and ``--lang`` codes where
    its parameters have none of their own."""
    for param in command.params:
        if getattr(param, "mentorcore_completion", False):
            continue
        if param.name in MODEL_PARAMETERS:
            _complete_with(param, complete_models)
        elif param.name in ("lang", "language") and isinstance(param, click.Option):
            _complete_with(param, complete_languages)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            add_completion(sub)
    return command


def _complete_with(param: click.Parameter, function: Any) -> None:
    original = param.shell_complete

    def shell_complete(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        own = original(ctx, incomplete)
        return own if own else function(ctx, param, incomplete)

    param.shell_complete = shell_complete  # type: ignore[method-assign]
    param.mentorcore_completion = True  # type: ignore[attr-defined]
