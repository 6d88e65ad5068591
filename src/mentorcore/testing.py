"""Helpers for testing plugins and models with pytest.

The ``register_plugin`` fixture registers a plugin object on a plugin manager of the default
plugin set, made for the one test, and returns the registry that sees it::

    from mentorcore import hookimpl
    from mentorcore.kinds import Criterion

    class MyPlugin:
        @hookimpl
        def register_criteria(self, register):
            register(Criterion(name="same_city", description="both live in the same city"))

    def test_my_criterion(register_plugin):
        registry = register_plugin(MyPlugin())
        assert "same_city" in registry.criteria

Load it in your own tests with ``pytest_plugins = ["mentorcore.testing"]`` in ``conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mentorcore import plugins


@pytest.fixture
def register_plugin() -> Callable[..., plugins.Registry]:
    """Register plugin objects for one test; returns the fresh registry that sees them (and
    the default plugins). Nothing outlives the test: each test gets its own manager."""
    manager = plugins.build_plugin_manager()

    def _register(plugin: object, name: str | None = None) -> plugins.Registry:
        if not manager.is_registered(plugin):  # an installed plugin is already there
            manager.register(plugin, name=name)
        return plugins.Registry(manager)

    return _register


__all__ = [
    "register_plugin",
]
