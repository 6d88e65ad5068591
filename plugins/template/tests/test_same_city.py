"""Test the plugin with mentorcore's pytest fixture ``register_plugin``."""

import mentorcore_same_city


def test_provides_same_city(register_plugin):
    registry = register_plugin(mentorcore_same_city, name="same-city-under-test")
    assert "same_city" in registry.criteria
