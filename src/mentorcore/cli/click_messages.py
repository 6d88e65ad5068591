"""click's own messages, for mentorcore's catalogs: what click says in the language of the run.

click translates its messages ("Usage:", "Error: No such option '--x'.", "Missing argument",
"Did you mean …", "Invalid value for …") with the standard library's global ``gettext``, in the
languages of ``LANGUAGE``; the command line points that at mentorcore's catalogs for the run
(:func:`mentorcore.i18n.libraries_speak`, from :meth:`mentorcore.cli.help.HelpMixin.main`), so
the catalogs need click's message ids. They are listed here, marked for extraction, exactly as
click writes them (a placeholder such as ``{name!r}`` stays as it is in a translation).

tests/test_i18n_click.py extracts the messages of the installed click and fails when one is not
in :data:`CLICK_MESSAGES`: after upgrading click, add what it reports here, then extract, update,
translate and compile (docs/handbook.md, "Translating").
"""

from __future__ import annotations

from mentorcore.i18n import N_, N_plural

__all__ = ["CLICK_MESSAGES", "CLICK_METAVARS"]

CLICK_MESSAGES = (
    N_('d'),
    N_('{editor}: Editing failed'),
    N_('{editor}: Editing failed: {e}'),
    N_('Windows error: {error}'),
    N_('Aborted!'),
    N_('deprecated'),
    N_('Options'),
    N_('Positional arguments'),
    N_plural('Got unexpected extra argument ({args})',
             'Got unexpected extra arguments ({args})'),
    N_('DeprecationWarning: The command {name!r} is deprecated.{extra_message}'),
    N_('Commands'),
    N_('Missing command.'),
    N_('Value must be an iterable.'),
    N_plural('Takes {nargs} values but 1 was given.',
             'Takes {nargs} values but {len} were given.'),
    N_('DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}'),
    N_("Name '{name}' defined twice"),
    N_('Boolean option {decl!r} cannot use the same flag for true/false.'),
    N_('Could not determine name for option with declarations {decls!r}'),
    N_("No options defined but a name was passed ({name}). Did you mean to declare an argument "
       "instead? Did you mean to pass '--{name}'?"),
    N_('env var: {var}'),
    N_('default: {default}'),
    N_('(dynamic)'),
    N_('Arguments take exactly one parameter declaration, got {length}: {decls}.'),
    N_('Do you want to continue?'),
    N_('Confirm the action without prompting.'),
    N_('%(prog)s, version %(version)s'),
    N_('Show the version and exit.'),
    N_('Show this message and exit.'),
    N_plural('Did you mean {possibility}?',
             '(Did you mean one of: {possibilities}?)'),
    N_('Error: {message}'),
    N_("Try '{command} {option}' for help."),
    N_('Invalid value: {message}'),
    N_('Invalid value for {param_hint}: {message}'),
    N_('Missing argument'),
    N_('Missing option'),
    N_('Missing parameter'),
    N_('Missing {param_type}'),
    N_('Missing parameter: {param_name}'),
    N_('No such option {name!r}.'),
    N_('No such command {name!r}.'),
    N_('unknown error'),
    N_('Could not open file {filename!r}: {message}'),
    N_('Usage:'),
    N_('Invalid start character for option ({option})'),
    N_('Argument {name!r} takes {nargs} values.'),
    N_('Option {name!r} does not take a value.'),
    N_plural('Option {name!r} requires an argument.',
             'Option {name!r} requires {nargs} arguments.'),
    N_('Shell completion is not supported for Bash versions older than 4.4.'),
    N_("Couldn't detect Bash version, shell completion is not supported."),
    N_('Repeat for confirmation'),
    N_('Error: The two entered values do not match.'),
    N_('Error: invalid input'),
    N_('Unknown color {colour!r}'),
    N_('Press any key to continue...'),
    N_('Choose from:\n\t{choices}'),
    N_plural('{value!r} is not {choice}.',
             '{value!r} is not one of {choices}.'),
    N_('Choice({choices})'),
    N_plural('{value!r} does not match the format {format}.',
             '{value!r} does not match the formats {formats}.'),
    N_('{value!r} is not a valid {number_type}.'),
    N_('{value} is not in the range {range}.'),
    N_('{value!r} is not a valid boolean. Recognized values: {states}'),
    N_('{value!r} is not a valid UUID.'),
    N_('file'),
    N_('directory'),
    N_('path'),
    N_('{name} {filename!r} does not exist.'),
    N_('{name} {filename!r} is a file.'),
    N_('{name} {filename!r} is a directory.'),
    N_('{name} {filename!r} is not readable.'),
    N_('{name} {filename!r} is not writable.'),
    N_('{name} {filename!r} is not executable.'),
    N_plural('{len_type} values are required, but {len_value} was given.',
             '{len_type} values are required, but {len_value} were given.'),
    N_("Unknown standard stream '{name}'"),
)
"""Every message id of click (8.x) that reaches a user; ``N_plural`` for those with a plural."""

CLICK_METAVARS = (
    N_("[OPTIONS]"), N_("COMMAND [ARGS]..."),
    N_("TEXT"), N_("INTEGER"), N_("INTEGER RANGE"), N_("FLOAT"), N_("FLOAT RANGE"),
    N_("BOOLEAN"), N_("FILENAME"), N_("UUID"),
)
"""The words of a usage line and of ``--help`` that click writes without gettext: a command's
options and a group's command (translated by :meth:`mentorcore.cli.help.HelpMixin.format_usage`),
and the metavars of its types, ``INTEGER`` for an option of ``type=int`` without a metavar of
its own (by :func:`mentorcore.cli.help.metavar_text`)."""
