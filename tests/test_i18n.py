"""Languages: messages in Finnish, Swedish and English by --lang or the locale; the catalogs are
complete and compiled; model texts in the languages a model declares (W213, E214)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentorcore import MentorcoreError
from mentorcore.i18n import locale_language, translator
from mentorcore.languages import check_language
from tests.conftest import MINIMAL, default_library

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LOCALE = ROOT / "src" / "mentorcore" / "locale"  # the committed files, not the installed
CATALOGS = {code: SOURCE_LOCALE / code / "LC_MESSAGES" / "mentorcore.po" for code in ("fi", "sv")}


# -- choosing the language ---------------------------------------------------------------------

@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "fi_FI.UTF-8"}, "fi"),
    ({"LANG": "sv_FI.UTF-8"}, "sv"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fi_FI.UTF-8"}, "fi"),
    ({"LANG": "fi_FI.UTF-8", "LC_ALL": "sv_SE.UTF-8"}, "sv"),
    ({"LANG": "fi_FI.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANGUAGE": "de:sv", "LANG": "fi_FI.UTF-8"}, "sv"),
    ({"LANGUAGE": "de", "LANG": "fi_FI.UTF-8"}, "fi"),
])
def test_the_locale_chooses_the_language(environ, expected):
    assert locale_language(environ) == expected


@pytest.mark.parametrize(("given", "code"), [("fi", "fi"), ("FI", "fi"), ("sv_FI", "sv"),
                                             ("sv-FI", "sv"), ("en_GB.UTF-8", "en")])
def test_lang_values_are_normalised(given, code):
    assert check_language(given) == code


def test_an_unknown_language_is_a_usage_error_naming_the_choices():
    with pytest.raises(MentorcoreError) as caught:
        check_language("de")
    assert caught.value.exit_code == 2
    message = caught.value.diagnostics[0].format()
    assert "unknown language 'de'" in message and "fi, sv, en" in message


def test_an_unknown_global_lang_stops_every_command(run):
    result = run("--lang", "de", "validate", "womento")
    assert result.exit_code == 2
    assert "--lang: unknown language 'de' (choose one of: fi, sv, en) [E104]" in result.stderr
    assert result.stdout == ""


def test_validate_speaks_the_language_of_lang(run):
    result = run("--lang", "fi", "validate", "womento", "auroras-vaasa")
    assert result.exit_code == 0
    assert "ok: womento" in result.stdout
    assert "2 mallia tarkistettu, 0 virheellistä; 0 virhettä, 0 varoitusta" in result.stderr
    swedish = run("--lang", "sv", "validate", "womento")
    assert "1 modell kontrollerad, 0 med fel; 0 fel, 0 varningar" in swedish.stderr


def test_validate_follows_the_locale_unless_lang_is_given(run, monkeypatch):
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    assert "modell kontrollerad" in run("validate", "womento").stderr
    assert "1 model checked" in run("--lang", "en", "validate", "womento").stderr


def test_diagnostics_keep_their_rule_ids_and_paths_in_every_language(run, write):
    path = write("m.yaml", MINIMAL.replace("per_month: 2", "per_month: {min: 1, max: two}"))
    result = run("--lang", "fi", "validate", str(path))
    assert result.exit_code == 1
    assert (f"{path}:13:52: phases[0].cadence.per_month.max: odotettiin lukua, löytyi 'two' "
            "[E102]") in result.stdout
    assert "1 malli tarkistettu, 1 virheellinen; 1 virhe, 0 varoitusta" in result.stderr


# -- diagnostics in the language of the run ----------------------------------------------------

def _broken_models(write):  # type: ignore[no-untyped-def]
    """Three everyday mistakes: a wrong type, a misspelt key, a parent that does not exist."""
    wrong = write("wrong.yaml", MINIMAL.replace("per_month: 2", "per_month: {min: 1, max: two}"))
    typo = write("typo.yaml", MINIMAL.replace("duration:", "duraton:"))
    orphan = write("orphan.yaml", "id: orphan\nextends: womentoo\n")
    return wrong, typo, orphan


EXPECTED = {
    "en": ["phases[0].cadence.per_month.max: expected a number, found 'two' [E102]",
           "phases[0].duraton: unknown key 'duraton' (did you mean `duration`?) [E101]",
           "extends: no model with id 'womentoo' (did you mean `womento`?) [E010]"],
    "fi": ["phases[0].cadence.per_month.max: odotettiin lukua, löytyi 'two' [E102]",
           "phases[0].duraton: tuntematon avain 'duraton' (tarkoititko `duration`?) [E101]",
           "extends: mallia tunnisteella 'womentoo' ei ole (tarkoititko `womento`?) [E010]"],
    "sv": ["phases[0].cadence.per_month.max: väntade ett tal, hittade 'two' [E102]",
           "phases[0].duraton: okänd nyckel 'duraton' (menade du `duration`?) [E101]",
           "extends: det finns ingen modell med id:t 'womentoo' (menade du `womento`?) [E010]"],
}


def _located(stdout: str) -> list[tuple[str, str]]:
    """Each diagnostic line split into its place (FILE:LINE:COL) and the rest."""
    return [tuple(line.split(": ", 1)) for line in stdout.splitlines()]  # type: ignore[misc]


def test_lang_fi_gives_finnish_diagnostics_at_the_same_places(run, write):
    models = [str(path) for path in _broken_models(write)]
    english = run("validate", *models)
    finnish = run("--lang", "fi", "validate", *models)
    assert finnish.exit_code == english.exit_code == 1
    assert [place for place, _ in _located(finnish.stdout)] == \
        [place for place, _ in _located(english.stdout)]
    assert [rest for _, rest in _located(english.stdout)] == EXPECTED["en"]
    assert [rest for _, rest in _located(finnish.stdout)] == EXPECTED["fi"]
    assert f"{models[0]}:13:52: " in finnish.stdout
    assert f"{models[1]}:12:5: " in finnish.stdout
    assert f"{models[2]}:2:10: " in finnish.stdout


def test_a_swedish_locale_gives_swedish_diagnostics(run, write, monkeypatch):
    models = [str(path) for path in _broken_models(write)]
    english = run("validate", *models)
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    swedish = run("validate", *models)
    assert swedish.exit_code == 1
    assert [place for place, _ in _located(swedish.stdout)] == \
        [place for place, _ in _located(english.stdout)]
    assert [rest for _, rest in _located(swedish.stdout)] == EXPECTED["sv"]
    assert "3 modeller kontrollerade, 3 med fel; 3 fel, 0 varningar" in swedish.stderr
    assert [rest for _, rest in _located(run("--lang", "en", "validate", *models).stdout)] == \
        EXPECTED["en"]


def test_warnings_say_so_in_the_language_of_the_run(run, write):
    path = write("m.yaml", TWO_LANGUAGES + "summary: {fi: Pieni ohjelma}\n")
    assert (f"{path}:15:10: summary: varoitus: tekstistä puuttuu kieliversio sv (malli ilmoittaa "
            "kielet: fi, sv) (lisää sv: …) [W213]") in run("--lang", "fi", "validate",
                                                           str(path)).stdout
    assert "summary: varning: texten saknar en version på sv" in run(
        "--lang", "sv", "validate", str(path)).stdout


def test_json_diagnostics_keep_their_fields_with_the_message_translated(run, write):
    import json

    wrong, _typo, _orphan = _broken_models(write)
    (diagnostic,) = json.loads(run("--lang", "fi", "validate", "--format", "json",
                                   str(wrong)).stdout)["models"][0]["diagnostics"]
    assert diagnostic["rule"] == "E102" and diagnostic["severity"] == "error"
    assert diagnostic["path"] == "phases[0].cadence.per_month.max"
    assert diagnostic["message"] == "odotettiin lukua, löytyi 'two'"


def test_the_python_api_speaks_english_unless_asked(run, write):
    from mentorcore.i18n import current, use

    wrong, _typo, _orphan = _broken_models(write)
    assert "odotettiin lukua" in run("--lang", "fi", "validate", str(wrong)).stdout
    assert current() == "en"  # the command line restores the language when it is done
    (diagnostic,) = default_library().load(str(wrong)).diagnostics
    assert diagnostic.message == "expected a number, found 'two'"
    previous = use("sv")
    try:
        (diagnostic,) = default_library().load(str(wrong)).diagnostics
        assert diagnostic.message == "väntade ett tal, hittade 'two'"
    finally:
        use(previous)


def test_a_message_without_translation_stays_english():
    assert translator("fi")("no such message in any catalog") == "no such message in any catalog"
    assert translator("en")("Sources") == "Sources"
    assert translator("fi")("Sources") == "Lähteet"
    assert translator("sv")("Sources") == "Källor"


# -- the catalogs ------------------------------------------------------------------------------

babel = pytest.importorskip("babel")


def _read(path: Path):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle)


def _code_messages() -> set[str]:
    """Every message the code passes to _() or ngettext() (the singular of a plural), marks
    with N_() or N_plural(), documents a model field with (fact("…")) or a model class with
    (its docstring's first paragraph): what ``pybabel extract -F babel.cfg`` finds."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map=method_map, options_map=options_map):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _compiled(path: Path) -> dict[object, str]:
    """What the runtime reads from a compiled catalog: every message id (a ``(singular, n)``
    key per plural form, ``context\\x04id`` with a context) with its translation, and the
    plural rule."""
    import gettext

    with path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalog = compiled._catalog  # type: ignore[attr-defined]
    messages: dict[object, str] = {key: value for key, value in catalog.items() if key != ""}
    messages["<plural forms>"] = compiled.info().get("plural-forms", "")
    return messages


def _expected(path: Path) -> dict[object, str]:
    """The same table as ``_compiled`` built from the source catalog: what compiling it must
    give."""
    catalog = _read(path)
    messages: dict[object, str] = {}
    for message in catalog:
        if not message.id or "fuzzy" in message.flags or not message.string:
            continue
        prefix = f"{message.context}\x04" if message.context else ""
        if isinstance(message.id, tuple):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for n, string in enumerate(strings):
                messages[(prefix + message.id[0], n)] = string
        else:
            messages[prefix + message.id] = message.string
    messages["<plural forms>"] = catalog.plural_forms
    return messages


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_the_committed_mo_files_hold_what_the_po_files_say(code):
    """Compared by content (ids, translations, plural forms), never by bytes: a new release of
    Babel or gettext writes its own header, and that must not fail the suite."""
    compiled = _compiled(CATALOGS[code].with_suffix(".mo"))
    expected = _expected(CATALOGS[code])
    stale = sorted(str(key) for key in expected.keys() ^ compiled.keys())
    changed = sorted(str(key) for key in expected.keys() & compiled.keys()
                     if expected[key] != compiled[key])
    assert not stale and not changed, (
        f"{code}: the .mo file is stale ({len(stale)} ids added or removed, {len(changed)} "
        f"translations changed, e.g. {(stale + changed)[:3]}): "
        "pybabel compile -d src/mentorcore/locale -D mentorcore")


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_every_message_is_translated_with_its_placeholders(code):
    catalog = _read(CATALOGS[code])
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert "fuzzy" not in message.flags, f"{code}: fuzzy translation of {ids[0]!r}"
        for string in strings:
            assert string.strip(), f"{code}: no translation of {ids[0]!r}"
            assert set(re.findall(r"\{\w+\}", string)) == set(re.findall(r"\{\w+\}", ids[-1])), (
                f"{code}: the placeholders of {ids[0]!r} differ in {string!r}")
        translated[ids[0]] = strings
    missing = _code_messages() - set(translated)
    assert not missing, (f"{code}: not in the catalog: {sorted(missing)}; see docs/handbook.md, "
                         "Translating")


def test_the_template_lists_every_message_of_the_code():
    template = {m.id[0] if isinstance(m.id, tuple) else m.id
                for m in _read(SOURCE_LOCALE / "mentorcore.pot") if m.id}
    assert template == _code_messages(), "run pybabel extract (docs/handbook.md, Translating)"


def test_the_wheel_carries_the_compiled_catalogs_and_the_type_marker(tmp_path):
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    import zipfile

    (wheel,) = hatchling.WheelBuilder(str(ROOT)).build(directory=str(tmp_path),
                                                       versions=["standard"])
    names = zipfile.ZipFile(wheel).namelist()
    for code in ("fi", "sv"):
        assert f"mentorcore/locale/{code}/LC_MESSAGES/mentorcore.mo" in names
    assert "mentorcore/py.typed" in names  # PEP 561: type checkers read our annotations
    for name in ("page.html", "blocks.html", "style.css"):  # the documents' default look
        assert f"mentorcore/render/templates/{name}" in names
    for plugin in PLUGIN_CATALOGS:  # a first-party plugin's own catalog (docs/plugins.md)
        for code in ("fi", "sv"):
            assert f"{plugin}/locale/{code}/LC_MESSAGES/{plugin}.mo" in names


def _camp_labels(code: str) -> list[str]:
    from mentorcore_camp import LABELS

    return [LABELS(name, code) for name in ("camp", "camp_day")]


def _end_report_header(code: str) -> list[str]:
    from mentorcore_auroras.end_report import header

    return header(code)


PLUGIN_CATALOGS = {"mentorcore_camp": _camp_labels, "mentorcore_auroras": _end_report_header}
"""The first-party plugins that ship a catalog of their own, and the labels their code asks it
for, in a language."""


@pytest.mark.parametrize("code", ["fi", "sv"])
@pytest.mark.parametrize("plugin", sorted(PLUGIN_CATALOGS))
def test_a_plugins_own_catalog_is_complete_and_compiled(plugin, code):
    """Every label the plugin's code asks its catalog for is translated (none left as its
    English id), no entry is fuzzy, and the .mo holds what the .po says."""
    po = ROOT / "plugins" / plugin / "locale" / code / "LC_MESSAGES" / f"{plugin}.po"
    catalog = _read(po)
    for message in catalog:
        if message.id:
            assert message.string and "fuzzy" not in message.flags, (plugin, code, message.id)
    assert _compiled(po.with_suffix(".mo")) == _expected(po), f"pybabel compile {plugin}"
    english, translated = PLUGIN_CATALOGS[plugin]("en"), PLUGIN_CATALOGS[plugin](code)
    ids = {message.id for message in catalog if message.id}
    assert set(english) <= ids  # each label the code asks for is in the catalog
    assert [label for label, id_ in zip(translated, english, strict=True) if label == id_] == []


# -- model texts in the model's languages -------------------------------------------------------

TWO_LANGUAGES = MINIMAL.replace("name: Tiny", "name: {fi: Pieni, sv: Liten}\nlanguages: [fi, sv]")


def test_a_text_missing_in_a_declared_language_is_a_warning(run, write):
    path = write("m.yaml", TWO_LANGUAGES + "summary: {fi: Pieni ohjelma}\n")
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert (f"{path}:15:10: summary: warning: no sv version of this text (the model declares "
            "languages: fi, sv) (add sv: …) [W213]") in result.stdout
    assert run("validate", "--strict", str(path)).exit_code == 1


def test_plain_texts_and_models_without_languages_are_not_flagged(run, write):
    plain = write("plain.yaml", TWO_LANGUAGES + "summary: Tiny, for everyone\n")
    assert run("validate", "--strict", str(plain)).exit_code == 0
    undeclared = write("undeclared.yaml", MINIMAL + "summary: {en: Tiny}\n")
    assert run("validate", "--strict", str(undeclared)).exit_code == 0


def test_an_inherited_text_gets_its_missing_language_in_the_adaptation(run, write):
    write("base.yaml", TWO_LANGUAGES.replace(
        "- {id: mentor, name: mentor, kind: mentor}",
        "- {id: mentor, name: {fi: mentori}, kind: mentor}"))
    child = write("child.yaml", "id: child\nextends: base.yaml\n")
    assert "roles[0].name: warning: no sv version" in run("validate", str(child)).stdout
    fixed = write("fixed.yaml", "id: fixed\nextends: base.yaml\n"
                                "roles: [{id: mentor, name: {sv: mentor}}]\n")
    assert run("validate", "--strict", str(fixed)).exit_code == 0


def test_a_text_empty_in_every_language_is_an_error(run, write):
    blank = write("blank.yaml", MINIMAL.replace("name: Tiny", "name: {fi: '  ', en: ''}"))
    result = run("validate", str(blank))
    assert result.exit_code == 1
    assert f"{blank}:2:7: name: the text is empty in every language" in result.stdout
    assert "[E214]" in result.stdout
    empty = write("empty.yaml", MINIMAL.replace("name: Tiny", "name: {}"))
    result = run("validate", str(empty))
    assert result.exit_code == 1
    assert "name: expected a text in at least one language, found an empty map" in result.stdout


def test_the_bundled_models_have_every_text_in_their_languages(run):

    library = default_library()
    result = run("validate", "--strict", *library.ids())
    assert result.exit_code == 0, result.stdout
    assert "W213" not in result.stdout
