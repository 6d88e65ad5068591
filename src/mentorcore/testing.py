"""Helpers for testing plugins and models with pytest.

The ``register_plugin`` fixture registers a plugin object on the default plugin manager for one
test and removes it afterwards::

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

from collections.abc import Callable, Iterator

import pytest

from mentorcore import plugins


@pytest.fixture
def register_plugin() -> Iterator[Callable[..., plugins.Registry]]:
    """Register plugin objects for one test; returns the fresh registry that sees them."""
    registry = plugins.default_registry()
    manager = registry.manager
    names: list[str] = []

    def _register(plugin: object, name: str | None = None) -> plugins.Registry:
        if not manager.is_registered(plugin):  # an installed plugin is already there
            names.append(manager.register(plugin, name=name) or "")
        plugins.reset_default_registry(manager)
        return plugins.default_registry()

    yield _register
    for name in names:
        manager.unregister(name=name)
    plugins.reset_default_registry(manager)
