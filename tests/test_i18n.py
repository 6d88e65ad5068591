"""Languages: messages in Finnish, Swedish and English by --lang or the locale; the catalogs are
complete and compiled; model texts in the languages a model declares (W213, E214)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentorcore import MentorcoreError
from mentorcore.i18n import LOCALE_DIR, check_language, locale_language, translator
from tests.conftest import MINIMAL

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = {code: LOCALE_DIR / code / "LC_MESSAGES" / "mentorcore.po" for code in ("fi", "sv")}


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
    assert "2 mallia tarkistettu, 0 virheellisiä; 0 virhettä, 0 varoitusta" in result.stderr
    swedish = run("--lang", "sv", "validate", "womento")
    assert "1 modell kontrollerad, 0 med fel; 0 fel, 0 varningar" in swedish.stderr


def test_validate_follows_the_locale_unless_lang_is_given(run, monkeypatch):
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    assert "modell kontrollerad" in run("validate", "womento").stderr
    assert "1 model checked" in run("--lang", "en", "validate", "womento").stderr


def test_diagnostics_keep_their_rule_ids_paths_and_english_text(run, write):
    path = write("m.yaml", MINIMAL.replace("per_month: 2", "per_month: {min: 1, max: two}"))
    result = run("--lang", "fi", "validate", str(path))
    assert result.exit_code == 1
    assert "phases[0].cadence.per_month.max: expected a number, found 'two' [E102]" in result.stdout
    assert "1 malli tarkistettu, 1 virheellisiä; 1 virhe, 0 varoitusta" in result.stderr


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
    """Every message the code passes to _() or ngettext() (the singular of a plural)."""
    from babel.messages.extract import extract_from_dir

    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "src" / "mentorcore", method_map=[("**.py", "python")]):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_the_committed_mo_files_are_a_fresh_compile_of_the_po_files(code):
    import io

    from babel.messages.mofile import write_mo

    fresh = io.BytesIO()
    write_mo(fresh, _read(CATALOGS[code]))
    committed = CATALOGS[code].with_suffix(".mo").read_bytes()
    assert committed == fresh.getvalue(), (
        f"{code}: the .mo file is stale: pybabel compile -d src/mentorcore/locale -D mentorcore")


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
                for m in _read(LOCALE_DIR / "mentorcore.pot") if m.id}
    assert template == _code_messages(), "run pybabel extract (docs/handbook.md, Translating)"


def test_the_wheel_carries_the_compiled_catalogs(tmp_path):
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    import zipfile

    (wheel,) = hatchling.WheelBuilder(str(ROOT)).build(directory=str(tmp_path),
                                                       versions=["standard"])
    names = zipfile.ZipFile(wheel).namelist()
    for code in ("fi", "sv"):
        assert f"mentorcore/locale/{code}/LC_MESSAGES/mentorcore.mo" in names


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
    from mentorcore import Library

    library = Library()
    result = run("validate", "--strict", *library.ids())
    assert result.exit_code == 0, result.stdout
    assert "W213" not in result.stdout
