"""The commands of ``mentorcore``, one module per subject (``models``: list, show, validate).

Each module defines a ``register_commands(cli)`` hook implementation; the built-in plugin
``mentorcore.builtins.commands`` registers every module of this package, so the core's commands
arrive through the same hook as a plugin's. They use the API of :mod:`mentorcore.cli.session`.
"""
