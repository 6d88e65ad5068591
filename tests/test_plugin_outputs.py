"""Plugins reach the outputs: sections in the handbook (every format) and the forms, formats
with documented options; a model needing something of a failed plugin names it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from mentorcore.cli import cli
from tests.conftest import MINIMAL

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _example(hook: str) -> str:
    section = DOCS.read_text(encoding="utf-8").split(f"### `{hook}(", 1)[1]
    return re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)


def test_a_plugin_section_is_in_every_handbook_format(tmp_path):
    (tmp_path / "visits.py").write_text(_example("register_sections"))
    for fmt, heading in (("md", "## Työpaikkakäynnit"), ("html", ">Työpaikkakäynnit</h2>")):
        result = invoke("--plugins-dir", str(tmp_path), "handbook", "womento", "--lang", "fi",
                        "--format", fmt)
        assert result.exit_code == 0, result.output
        assert heading in result.stdout
        assert "book it with staff" in result.stdout
    english = invoke("--plugins-dir", str(tmp_path), "handbook", "womento", "--lang", "en")
    assert "## Workplace visits" in english.stdout
    without = invoke("handbook", "womento", "--lang", "fi")
    assert "Työpaikkakäynnit" not in without.stdout


def test_a_section_for_the_forms_and_a_failing_section_is_left_out_with_a_warning(tmp_path):
    (tmp_path / "notes.py").write_text(
        "from mentorcore.plugin_api import Section, hookimpl\n\n"
        "@hookimpl\ndef register_sections(register):\n"
        "    register(Section(name='form-notes', title='Notes', documents=('forms',),\n"
        "                     render=lambda context: 'Write clearly.'))\n")
    (tmp_path / "broken_section.py").write_text(
        "from mentorcore.plugin_api import Section, hookimpl\n\n"
        "def fail(context):\n    raise KeyError('nope')\n\n"
        "@hookimpl\ndef register_sections(register):\n"
        "    register(Section(name='broken', title='Broken', render=fail))\n")
    forms = invoke("--plugins-dir", str(tmp_path), "forms", "auroras-individual")
    assert forms.exit_code == 0 and "## Notes\n\nWrite clearly." in forms.stdout
    book = invoke("--plugins-dir", str(tmp_path), "handbook", "auroras-individual")
    assert book.exit_code == 0
    assert "Notes" not in book.stdout.split("## ")[-1]  # forms only
    assert "plugin 'broken_section' (" in book.stderr
    assert "failed in section broken (broken_section.fail): KeyError: 'nope'" in book.stderr


def test_a_kind_of_a_failed_plugin_is_an_error_naming_the_plugin(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "visits.py").write_text("import nowhere_to_be_found\n")
    model = tmp_path / "m.yaml"
    model.write_text(MINIMAL.replace("kind: mentoring", "kind: workplace-visit"))
    result = invoke("--plugins-dir", str(plugins), "validate", str(model))
    assert result.exit_code == 1
    assert (f"{model}:11:11: phases[0].kind: unknown phase kind 'workplace-visit' (the plugin "
            f"'visits' ({plugins / 'visits.py'}), which failed, may provide it: plugin 'visits'"
            ) in result.stdout
    assert "No module named 'nowhere_to_be_found'" in result.stdout


def test_a_renderer_gets_the_documented_options(tmp_path):
    (tmp_path / "opts.py").write_text(
        "from mentorcore.plugin_api import Renderer, hookimpl\n\n"
        "def show(result, options):\n"
        "    return f'{options.language} {options.start} {options.seed} {options.model} '"
        " + options['language'] + '\\n'\n\n"
        "@hookimpl\ndef register_renderers(register):\n"
        "    register(Renderer(name='opts', target='simulation', description='d', "
        "render=show))\n")
    result = invoke("--plugins-dir", str(tmp_path), "--lang", "sv", "simulate", "womento",
                    "--pairs", "2", "--seed", "5", "--start", "2027-01-11", "--format", "opts")
    assert result.exit_code == 0, result.output
    assert result.stdout == "sv 2027-01-11 5 womento sv\n"


def test_a_model_says_which_plugins_it_requires(tmp_path):
    model = tmp_path / "r.yaml"
    model.write_text("requires: [mentorcore-camp>=0.1, mentorcore-workplace>=1.0, "
                     "mentorcore-auroras>=99]\n" + MINIMAL)
    result = invoke("validate", str(model))
    assert result.exit_code == 1
    assert "requires[0]" not in result.stdout                      # installed, in range
    assert (f"{model}:1:34: requires[1]: the model requires mentorcore-workplace>=1.0, which "
            "is not installed (install it: pip install 'mentorcore-workplace>=1.0') [E222]"
            ) in result.stdout
    assert "requires[2]: the model requires mentorcore-auroras>=99; version " in result.stdout
    disabled = invoke("--disable-plugin", "mentorcore-camp", "validate", str(model))
    assert ("requires[0]: the model requires mentorcore-camp>=0.1, which is disabled with "
            "--disable-plugin mentorcore-camp") in disabled.stdout


def test_the_python_render_accepts_plugin_formats():
    import datetime

    import pytest

    from mentorcore import Library, MentorcoreError
    from mentorcore.simulation import render, simulate

    library = Library()
    run = simulate(library.programme("auroras-individual"), pairs=3,
                   start=datetime.date(2027, 1, 11), registry=library.registry)
    text = render(run, "end-reports")        # the mentorcore-auroras plugin's format
    assert isinstance(text, str) and text.startswith("unit,mentor,mentee,")
    with pytest.raises(MentorcoreError, match="unknown simulation format 'nope'"):
        render(run, "nope", registry=library.registry)
