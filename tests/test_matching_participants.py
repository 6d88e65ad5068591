"""Participant lists: CSV as offices save it, XLSX, YAML; privacy by schema; bad input named by
row and column, never by the cell's value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentorcore import Library, MentorcoreError
from mentorcore.matching import load_participants, participants_from_records
from mentorcore.matching.special_categories import special_category_of

DATA = Path(__file__).parent / "data" / "participants"


@pytest.fixture(scope="module")
def programme():
    return Library().programme(str(DATA / "pairs-model.yaml"))


def problems(error: pytest.ExceptionInfo) -> list:
    return list(error.value.diagnostics)


@pytest.mark.parametrize("name", ["people.csv", "people-bom.csv", "people-cp1252.csv",
                                  "people.yaml"])
def test_every_encoding_and_format_reads_the_same(programme, name):
    people = load_participants(DATA / name, programme)
    assert people.ids[:5] == ("a1", "a2", "a3", "m1", "m2")
    assert people.roles[:5] == ("mentee", "mentee", "mentee", "mentor", "mentor")
    assert people.value("name", 4) == "Noora Näyte"
    assert people.value("field", 3) == ("nursing", "care")
    assert people.value("languages", 0) == ("fi", "ar")
    assert people.value("age", 0) == 34.0
    assert people.value("max_mentees", 3) == 1.0


def test_role_names_are_accepted_for_role_ids(programme):
    people = load_participants(DATA / "people.csv", programme)
    assert people.roles[1] == "mentee"  # written "aktori"
    assert people.roles[4] == "mentor"  # written "mentori"


def test_xlsx_is_read_and_formulas_refused(programme, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "role", "wished_field", "age", "languages"])
    sheet.append(["a1", "mentee", "nursing", 34, "fi;ar"])
    sheet.append(["m1", "mentor", None, 52.0, "fi"])
    book.save(tmp_path / "people.xlsx")
    people = load_participants(tmp_path / "people.xlsx", programme)
    assert people.ids == ("a1", "m1")
    assert people.value("age", 1) == 52.0
    assert people.value("languages", 0) == ("fi", "ar")
    sheet["D3"] = "=B2*2"
    book.save(tmp_path / "formula.xlsx")
    with pytest.raises(MentorcoreError) as error:
        load_participants(tmp_path / "formula.xlsx", programme)
    [problem] = problems(error)
    assert (problem.rule, problem.line, problem.column) == ("E408", 3, 4)


def test_undeclared_column_is_dropped_with_a_warning(programme, write):
    path = write("people.csv", "id;role;hobby;wished_field\na1;mentee;chess;it\n")
    people = load_participants(path, programme)
    assert "hobby" not in people.values
    [warning] = people.warnings
    assert (warning.rule, warning.line, warning.column) == ("W410", 1, 3)
    assert "hobby" in warning.message and "chess" not in warning.format()


@pytest.mark.parametrize("column, category", [
    ("religion", "religion"), ("Uskonto", "religion"), ("ethnicity", "ethnic origin"),
    ("pakolaistausta", "ethnic origin"), ("health_notes", "health")])
def test_undeclared_special_category_column_is_refused(programme, write, column, category):
    path = write("people.csv", f"id;role;{column}\na1;mentee;secret-value\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    [problem] = problems(error)
    assert problem.rule == "E409" and (problem.line, problem.column) == (1, 3)
    assert category in problem.message
    assert "secret-value" not in problem.format()


def test_special_category_declared_as_such_is_kept(programme, write):
    path = write("people.csv", "id;role;refugee_background\na1;mentee;kyllä\n")
    assert load_participants(path, programme).value("refugee_background", 0) is True


def test_special_category_declared_without_category_is_refused(write):
    model = write("m.yaml", """\
        id: m
        name: M
        organisation: O
        roles: [{id: mentee, name: mentee, kind: mentee}]
        participant_data:
          fields: [{id: religion, purpose: none given}]
        """)
    programme = Library().programme(str(model))
    path = write("people.csv", "id,role,religion\na1,mentee,x\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    assert problems(error)[0].rule == "E409"
    assert "special_category: religion" in problems(error)[0].hint


def test_special_category_names():
    assert special_category_of("Refugee background") == "ethnic_origin"
    assert special_category_of("wished_field") is None
    assert special_category_of("languages") is None


@pytest.mark.parametrize("text, rule, row, column, words", [
    ("role;name\nmentee;x\n", "E403", 1, None, "missing column 'id'"),
    ("id;role\na1;mentee\na1;mentor\n", "E406", 3, 1, "duplicate id (also row 2)"),
    ("id;role\na1;coach\n", "E404", 2, 2, "unknown role"),
    ("id;role;age\na1;mentee;forty\n", "E407", 2, 3, "expected a number"),
    ("id;role;wished_field\na1;mentee;=HYPERLINK(\"x\")\n", "E408", 2, 3, "formula"),
    ("id;role;wished_field\na1;mentee;@SUM(A1)\n", "E408", 2, 3, "formula"),
    ("id;role;wished_field\na1;mentee;-cmd\n", "E408", 2, 3, "formula"),
    ("id;role\n;mentee\n", "E411", 2, 1, "no id"),
    ("id;role;age\na1;mentee;3;4;5\n", "E412", 2, 4, "cells"),
])
def test_bad_rows_are_named_by_row_and_column(programme, write, text, rule, row, column, words):
    with pytest.raises(MentorcoreError) as error:
        load_participants(write("people.csv", text), programme)
    problem = problems(error)[0]
    assert (problem.rule, problem.line, problem.column) == (rule, row, column)
    assert words in problem.message
    assert problem.file.endswith("people.csv")


def test_values_are_never_echoed_in_errors(programme, write):
    path = write("people.csv", "id;role;age;region\na1;mentee;Salainen Arvo;Vaasa\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    assert "Salainen" not in str(error.value)


def test_every_problem_is_reported_at_once(programme, write):
    path = write("people.csv", "id;role;age\na1;mentee;x\na2;coach;3\na1;mentor;y\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    assert [(p.rule, p.line) for p in problems(error)] == [
        ("E407", 2), ("E404", 3), ("E406", 4), ("E407", 4)]


def test_negative_numbers_and_phone_numbers_are_not_formulas(programme, write):
    path = write("people.csv", "id;role;age;name\na1;mentee;-3;+358 40 123 4567\n")
    people = load_participants(path, programme)
    assert people.value("age", 0) == -3.0


def test_finnish_number_and_boolean_words(programme, write):
    path = write("people.csv", 'id;role;age;refugee_background\na1;mentee;"34,5";ei\n')
    people = load_participants(path, programme)
    assert people.value("age", 0) == 34.5 and people.value("refugee_background", 0) is False


def test_mixed_encodings_name_the_row(programme):
    with pytest.raises(MentorcoreError) as error:
        load_participants(DATA / "people-mixed.csv", programme)
    [problem] = problems(error)
    assert (problem.rule, problem.line, problem.column) == ("E402", 3, 3)
    assert "mixed encodings" in problem.message


def test_empty_files(programme, write):
    for text, words in (("", "empty"), ("\n\n", "empty"), ("id;role\n", "no participant rows")):
        with pytest.raises(MentorcoreError) as error:
            load_participants(write("people.csv", text), programme)
        assert problems(error)[0].rule == "E405"
        assert words in problems(error)[0].message


def test_utf16_and_unknown_extensions(programme, write, tmp_path):
    utf16 = tmp_path / "u.csv"
    utf16.write_bytes("id,role\na1,mentee\n".encode("utf-16"))
    with pytest.raises(MentorcoreError) as error:
        load_participants(utf16, programme)
    assert "UTF-16" in problems(error)[0].message
    with pytest.raises(MentorcoreError) as error:
        load_participants(write("people.ods", "x"), programme)
    assert problems(error)[0].rule == "E401" and error.value.exit_code == 2
    with pytest.raises(MentorcoreError) as error:
        load_participants(tmp_path / "missing.csv", programme)
    assert error.value.exit_code == 2


def test_comma_delimited_with_quoted_semicolons(programme, write):
    path = write("people.csv", 'id,role,languages\na1,mentee,"fi;sv"\n')
    assert load_participants(path, programme).value("languages", 0) == ("fi", "sv")


def test_values_outside_the_allowed_list(write):
    model = write("m.yaml", """\
        id: m
        name: M
        organisation: O
        roles: [{id: mentee, name: mentee, kind: mentee}]
        participant_data:
          fields:
            - {id: wished_kind, purpose: wish, type: list, values: [working_life, language, hobby]}
        """)
    programme = Library().programme(str(model))
    good = load_participants(write("ok.csv", "id,role,wished_kind\na1,mentee,Hobby|language\n"),
                             programme)
    assert good.value("wished_kind", 0) == ("Hobby", "language")
    with pytest.raises(MentorcoreError) as error:
        load_participants(write("bad.csv", "id,role,wished_kind\na1,mentee,cooking\n"), programme)
    assert "working_life, language, hobby" in problems(error)[0].message


def test_required_field_and_role_specific_fields(programme, write):
    path = write("people.csv", "id;role;wished_field;field\na1;mentee;it;law\nm1;mentor;;it\n")
    people = load_participants(path, programme)
    assert people.value("field", 0) is None  # declared for mentors only: ignored for a mentee
    assert any(w.rule == "W413" for w in people.warnings)


def test_records_api(programme):
    people = participants_from_records(
        [{"id": "a1", "role": "mentee", "languages": ["fi"], "age": 30}], programme)
    assert people.value("languages", 0) == ("fi",) and people.value("age", 0) == 30.0


def test_yaml_problems_name_the_line(programme, tmp_path):
    path = tmp_path / "people.yaml"
    shutil.copy(DATA / "people.yaml", path)
    path.write_text(path.read_text(encoding="utf-8").replace("age: 29", "age: old"),
                    encoding="utf-8")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    problem = problems(error)[0]
    assert problem.rule == "E407" and problem.line == 3 and "old" not in str(error.value)


# -- the guards of every file read as a sheet (issue 14, point 6) ------------------------------

PERSON = "Aino Virtanen"


def _one(error: pytest.ExceptionInfo) -> tuple:
    [problem] = problems(error)
    return problem.rule, problem.line, problem.column


def test_a_fifo_and_a_link_to_dev_zero_are_refused_before_reading(programme, tmp_path):
    import os

    fifo = tmp_path / "people.csv"
    os.mkfifo(fifo)  # no writer: reading it would wait for ever
    with pytest.raises(MentorcoreError) as error:
        load_participants(fifo, programme)
    assert error.value.exit_code == 2 and "not a regular file" in str(error.value)
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    with pytest.raises(MentorcoreError) as error:
        load_participants(zero, programme)
    assert _one(error)[0] == "E401" and "not a regular file" in str(error.value)


def test_an_unterminated_quote_is_an_error_where_it_opens(programme, write):
    path = write("people.csv", f'id;role;name\nm1;mentor;Maija\na1;mentee;"{PERSON}\n'
                               "a2;mentee;Bertta\na3;mentee;Cecilia\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    assert _one(error) == ("E412", 3, 3)
    assert PERSON not in str(error.value)


def test_a_quote_closed_rows_later_does_not_merge_people(programme, write):
    path = write("people.csv", f'id;role;name\na1;mentee;"{PERSON}\na2;mentee;Bertta"\n')
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    assert _one(error) == ("E412", 2, 3)


def test_a_quoted_line_break_in_a_cell_is_fine(programme, write):
    path = write("people.csv", 'id;role;name\na1;mentee;"Aino\nVirtanen"\n')
    assert load_participants(path, programme).value("name", 0) == "Aino\nVirtanen"


@pytest.mark.parametrize("length", [100_001, 200_000])
def test_an_over_long_cell_is_refused_at_its_column(programme, write, length):
    path = write("people.csv", "id;role;name\n" + "x" * length + ";mentee;Aino\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    assert _one(error) == ("E415", 2, 1)


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x7f", "\x9b", "\x08"])
def test_control_characters_are_refused(programme, write, char):
    path = write("people.csv", f"id;role;name\na1;mentee;Aino{char}Virtanen\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    assert _one(error) == ("E416", 2, 3)
    assert "Aino" not in str(error.value) and char not in str(error.value)


def test_a_headerless_list_is_refused_without_its_first_row(programme, write):
    path = write("people.csv", f"a1;mentee;{PERSON};aino@example.fi;+358401234567\n"
                               "a2;mentee;Bertta;b@example.fi;+358407654321\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(path, programme)
    text = str(error.value)
    assert "the first row is not a header" in text
    for value in (PERSON, "aino@example.fi", "+358401234567", "a1", "mentee"):
        assert value not in text


def test_yaml_tags_and_duplicate_keys_are_named_by_position_only(programme, write):
    tagged = write("tagged.yaml", '- {id: a1, role: mentee, name: !!int "+358 40 123 4567"}\n')
    with pytest.raises(MentorcoreError) as error:
        load_participants(tagged, programme)
    assert _one(error) == ("E005", 1, 32) and "358" not in str(error.value)
    twice = write("twice.yaml", f"- id: a1\n  role: mentee\n  {PERSON}: 1\n  {PERSON}: 2\n")
    with pytest.raises(MentorcoreError) as error:
        load_participants(twice, programme)
    assert _one(error) == ("E004", 4, 3) and PERSON not in str(error.value)


def test_the_guards_take_a_caps_object(write):
    """The reader is public and reusable (a meeting log's reader passes its own caps)."""
    from mentorcore.matching.sheets import Caps, read_guarded, read_sheet

    path = write("log.csv", "unit;date\np1;2027-01-01\np2;2027-01-02\np3;2027-01-03\n")
    assert len(read_sheet(path, caps=Caps(rows=3)).rows) == 3
    with pytest.raises(MentorcoreError) as error:
        read_sheet(path, caps=Caps(rows=2))
    assert _one(error) == ("E415", 4, None)
    with pytest.raises(MentorcoreError) as error:
        read_sheet(path, caps=Caps(cell=5))
    assert _one(error)[:2] == ("E415", 2)
    with pytest.raises(MentorcoreError) as error:
        read_guarded(path, caps=Caps(bytes=10))
    assert "more than 0.0 MB" in str(error.value)
    assert read_guarded(path) == path.read_bytes()


def test_cli_refuses_a_fifo_with_exit_2(run, tmp_path):
    import os

    fifo = tmp_path / "people.csv"
    os.mkfifo(fifo)
    result = run("match", str(DATA / "pairs-model.yaml"), str(fifo))
    assert result.exit_code == 2
    assert "people.csv: is not a regular file" in result.output and "[E401]" in result.output
