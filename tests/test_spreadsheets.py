"""The one writer of CSV and XLSX: the Finnish Excel dialect, no formula cells, typed sheets."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorcore.spreadsheets import FORMULA_STARTS, Sheet, write_csv, write_xlsx


def test_excel_fi_is_bom_semicolon_crlf_and_decimal_comma():
    data = write_csv(["Pari", "Tunnit"], [["pari-1", 1.5], ["pari-2", 2]], dialect="excel-fi")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text == "Pari;Tunnit\r\npari-1;1,5\r\npari-2;2\r\n"


def test_rfc4180_is_plain_csv():
    data = write_csv(["pair", "hours"], [["pair-1", 1.5]], dialect="rfc4180")
    assert data == b"pair,hours\r\npair-1,1.5\r\n"


@given(st.lists(st.text(max_size=30), min_size=1, max_size=6))
def test_no_text_cell_starts_a_formula_and_every_cell_survives(cells):
    for dialect, separator in (("excel-fi", ";"), ("rfc4180", ",")):
        data = write_csv([f"c{i}" for i in range(len(cells))], [cells], dialect=dialect)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                               delimiter=separator))
        back = rows[1] if len(rows) > 1 else [""] * len(cells)
        for written, original in zip(back, cells, strict=True):
            assert not written.startswith(FORMULA_STARTS)
            assert written.removeprefix("'") == original or written == original


def test_xlsx_sheets_are_typed_validated_and_free_of_formulas():
    import openpyxl

    data = write_xlsx([
        Sheet("Parit", ("pari", "alkoi", "tapaamisia"),
              (("=HYPERLINK(\"http://evil\")", dt.date(2027, 1, 11), 6),),
              types={1: "date", 2: "integer"}),
        Sheet("Parit", ("a",), (("x",),)),            # a repeated title is made unique
        Sheet("tunnit/kk [p5]", ("kuukausi",), ()),   # characters Excel refuses are replaced
    ])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Parit", "Parit (2)", "tunnit-kk -p5-"]
    sheet = book["Parit"]
    assert [c.value for c in sheet[1]] == ["pari", "alkoi", "tapaamisia"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet["A2"].value == "'=HYPERLINK(\"http://evil\")" and sheet["A2"].data_type == "s"
    assert sheet["B2"].is_date and sheet["C2"].value == 6
    kinds = sorted(v.type for v in sheet.data_validations.dataValidation)
    assert kinds == ["date", "whole"]


def test_the_dialects_the_command_offers_are_the_ones_the_writer_knows():
    """`--csv-dialect` offers `dialects.DIALECT_NAMES` without importing the writer; the
    writer knows what each of them writes, and no other."""
    from mentorcore import dialects, spreadsheets

    assert tuple(spreadsheets.DIALECTS) == dialects.DIALECT_NAMES
    assert all(spreadsheets.DIALECTS[name].name == name for name in dialects.DIALECT_NAMES)
    with pytest.raises(ValueError, match="choose one of excel-fi, rfc4180"):
        dialects.use_dialect("excel")
