"""Commands beyond the core three (list, show, validate), one module each.

Each module defines a ``register_commands(cli)`` hook implementation; the built-in plugin
``mentorcore.builtins.commands`` registers every module of this package, so the core's commands
arrive through the same hook as a plugin's.
"""
