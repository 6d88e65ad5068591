"""Text is compared as people read it: Unicode NFC, case-folded, white space collapsed — by the
one function ``normalise``, in every place matching compares text."""

from __future__ import annotations

import unicodedata

import pytest

from mentorcore.matching import match, participants_from_records, render
from mentorcore.matching.candidates import Encoded
from mentorcore.spelling import normalise

from .test_matching_engine import model

NFC = unicodedata.normalize("NFC", "kiinteistöala")
NFD = unicodedata.normalize("NFD", "kiinteistöala")
VARIANTS = [NFC, NFD, "Kiinteistöala", "KIINTEISTÖALA", "  kiinteistöala ", "kiinteistöala\u00a0",
            unicodedata.normalize("NFD", "KiinteistÖala\t")]


def test_the_two_spellings_differ_as_code_points():
    assert NFC != NFD and len(NFD) == len(NFC) + 1


@pytest.mark.parametrize("variant", VARIANTS)
def test_normalise_reads_every_variant_as_one_word(variant):
    assert normalise(variant) == "kiinteistöala"
    assert unicodedata.is_normalized("NFC", normalise(variant))


def test_normalise_collapses_spacing_and_folds_case_but_keeps_letters():
    assert normalise("social \t\n  work") == normalise("Social Work") == "social work"
    assert normalise("Straße") == normalise("STRASSE")
    assert normalise("kiinteistoala") != normalise("kiinteistöala")
    assert normalise("\u212b") == normalise("Å")  # the ångström sign is canonically Å


def test_equal_text_gets_one_code(tmp_path):
    programme = model(tmp_path, """\
        participant_data:
          fields:
            - {id: field, purpose: p, type: list}
        """)
    people = participants_from_records(
        [{"id": f"p{k}", "role": "mentor", "field": [v]} for k, v in enumerate(VARIANTS)]
        + [{"id": "other", "role": "mentor", "field": ["kiinteistoala"]}], programme)
    encoded = Encoded(people)
    indptr, codes = encoded.lists["field"]
    assert len(set(codes[: len(VARIANTS)].tolist())) == 1
    assert codes[len(VARIANTS)] != codes[0]
    assert encoded.code(NFD) == encoded.code("Kiinteistöala") == codes[0]


def test_a_list_holds_a_value_once_however_it_is_spelled(tmp_path):
    programme = model(tmp_path, """\
        participant_data:
          fields:
            - {id: field, purpose: p, type: list}
        """)
    people = participants_from_records(
        [{"id": "m1", "role": "mentor", "field": f"{NFC}|{NFD}| Kiinteistöala|it"}], programme)
    assert people.value("field", 0) == (NFC, "it")


@pytest.mark.parametrize("solver", ["optimal", "stable"])
@pytest.mark.parametrize("wished", VARIANTS)
def test_nfc_and_nfd_case_and_spacing_variants_match(tmp_path, registry, solver, wished):
    programme = model(tmp_path, """\
        matching:
          unit: pair
          rules:
            - {id: same-field, criterion: same_field, hard: true}
            - {id: region, criterion: region, weight: 1}
        participant_data:
          fields:
            - {id: field, purpose: p, roles: [mentor], type: list}
            - {id: wished_field, purpose: p, roles: [mentee]}
            - {id: region, purpose: p}
        """)
    people = participants_from_records([
        {"id": "a1", "role": "mentee", "wished_field": wished, "region": "Jyväskylä"},
        {"id": "m1", "role": "mentor", "field": NFC,
         "region": unicodedata.normalize("NFD", " JYVÄSKYLÄ")}], programme)
    result = match(programme, people, registry=registry, solver=solver)
    assert [[m.id for m in p.members] for p in result.pairs] == [["a1", "m1"]]
    assert result.unmatched == ()
    assert result.pairs[0].score == 1.0  # the regions are one region too


def test_allowed_values_and_roles_are_read_alike(tmp_path):
    programme = model(tmp_path, """\
        participant_data:
          fields:
            - {id: field, purpose: p, values: [kiinteistöala, it]}
        """)
    people = participants_from_records(
        [{"id": "a1", "role": " MENTEE ", "field": NFD},
         {"id": "a2", "role": "Mentee", "field": "Kiinteistöala"}], programme)
    assert people.roles == ("mentee", "mentee")
    assert people.value("field", 0) == NFD  # kept as written; compared normalised


def test_column_names_are_read_alike(tmp_path):
    from mentorcore.matching.schema import check_sheet
    from mentorcore.matching.sheets import Cell, Sheet

    programme = model(tmp_path, """\
        participant_data:
          fields:
            - {id: ikä, purpose: p, type: number}
        """)
    header = unicodedata.normalize("NFD", "IKÄ")
    sheet = Sheet("people.csv", (("id", 1), ("role", 2), (header, 3)), 1,
                  ((2, {"id": Cell("a1", 2, 1), "role": Cell("mentee", 2, 2),
                        header: Cell("17", 2, 3)}),))
    assert check_sheet(sheet, programme).value("ikä", 0) == 17


def test_balanced_groups_count_one_value_once(tmp_path, registry):
    programme = model(tmp_path, """\
        units:
          - {id: camp, kind: group, roles: [mentee], composition: peers,
             size: {min: 1, max: 10, unit: person}, balance: region}
        matching: {unit: camp}
        participant_data:
          fields:
            - {id: region, purpose: p}
        """)
    people = participants_from_records(
        [{"id": f"a{k}", "role": "mentee", "region": v}
         for k, v in enumerate(["Jyväskylä", unicodedata.normalize("NFD", "jyväskylä "),
                                "JYVÄSKYLÄ", "Oulu"])], programme)
    result = match(programme, people, registry=registry)
    [group] = result.groups
    assert dict(group.spread) == {"Jyväskylä": 3, "Oulu": 1}
    assert unicodedata.normalize("NFD", "ä") not in render(result, "json")


def test_a_group_outside_its_size_is_counted_in_the_words_of_the_language():
    """W505 counts people as each language does ("4 people", "4 henkilöä"; it said "4 persons,
    outside 6–8 person" in English)."""
    import attrs

    from mentorcore import i18n
    from mentorcore.matching.groups import _size_warning
    from mentorcore.model import Range
    from tests.conftest import default_library

    programme = default_library().load("professionals-group").programme
    unit = attrs.evolve(programme.units[0], size=Range(min=6, max=8, unit="person"))
    said = {}
    for language in ("en", "fi", "sv"):
        previous = i18n.use(language)
        try:
            warning = _size_warning(programme, unit, "g1", 4, "person")
        finally:
            i18n.use(previous)
        assert warning is not None and warning.rule == "W505"
        said[language] = warning.message
    assert said["en"] == "group 'g1' has 4 people, outside 6–8 people"
    assert "4 henkilöä" in said["fi"] and "6–8 henkilöä" in said["fi"]
    assert "4 personer" in said["sv"]
