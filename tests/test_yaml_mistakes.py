"""YAML syntax errors in plain words (issue 15, point 2): a corpus of typical mistakes in a
Kuopio adaptation of Womento, each with the line and column of the mistake itself (not where the
parser gave up) and the expected message in English and in Finnish — what is wrong and how to
write it instead.

The mistakes are written as a coordinator would make them: a forgotten colon, a text holding
``:``, ``?`` or ``#``, tabs, brackets and quotes left open, indentation that does not line up.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcore import i18n
from mentorcore.diagnostics import MentorcoreError
from mentorcore.loading.document import parse, safe_data
from mentorcore.loading.syntax import RULES, explain, quoted, reading_of

HEAD = """\
# Kuopio: Womento adapted for the Kuopio region
id: womento-kuopio
extends: womento
name:
  fi: Womento Kuopio
  en: Womento Kuopio
organisation: Kuopion Setlementti
languages: [fi]
"""
"""Eight good lines; each mistake follows them, so the first line of a mistake is line 9."""


class Mistake(NamedTuple):
    name: str
    text: str
    line: int
    column: int
    rule: str
    english: str
    finnish: str


CORPUS = [
    Mistake('no colon',
            'region Kuopio\n',
            9, 1, 'E003',
            'line 9: `region Kuopio` has no colon — write `region: Kuopio`',
            'rivi 9: `region Kuopio`: kaksoispiste puuttuu — kirjoita `region: Kuopio`'),
    Mistake('no space after the colon',
            'region:Kuopio\n',
            9, 1, 'E003',
            'line 9: `region:Kuopio` needs a space after the colon — write `region: Kuopio`',
            'rivi 9: `region:Kuopio`: kaksoispisteen jälkeen tarvitaan välilyönti — '
            'kirjoita `region: Kuopio`'),
    Mistake('= for a colon',
            'region = Kuopio\n',
            9, 1, 'E003',
            'line 9: `region = Kuopio` has `=` where YAML needs a colon — write `region: '
            'Kuopio`',
            'rivi 9: `region = Kuopio`: YAML tarvitsee kaksoispisteen, ei merkkiä `=` — '
            'kirjoita `region: Kuopio`'),
    Mistake('a colon in a text',
            'summary: Tavoite: työ\n',
            9, 10, 'E003',
            'line 9: the text `Tavoite: työ` holds a colon followed by a space, which YAML '
            'reads as a new key — put the text in quotes: `summary: "Tavoite: työ"`',
            'rivi 9: tekstissä `Tavoite: työ` on kaksoispiste ja välilyönti, jotka YAML '
            'lukee uudeksi avaimeksi — laita teksti lainausmerkkeihin: `summary: "Tavoite: '
            'työ"`'),
    Mistake('a colon in a text in braces',
            'summary: {fi: Tavoite: työ, en: aim}\n',
            9, 11, 'E003',
            'line 9: the text `fi: Tavoite: työ` holds a character that YAML reads as '
            'punctuation (`:`, `?` or `#`) — put the text in quotes: `fi: "Tavoite: työ"`',
            'rivi 9: tekstissä `fi: Tavoite: työ` on merkki, jonka YAML lukee välimerkiksi '
            '(`:`, `?` tai `#`) — laita teksti lainausmerkkeihin: `fi: "Tavoite: työ"`'),
    Mistake('# in a text in braces',
            'summary: {fi: kokous #2, en: meeting}\nregion: Kuopio\n',
            9, 22, 'E003',
            'line 9: the `#` starts a comment, which hides the rest of the line — put the '
            'text in quotes: `fi: "kokous #2"`',
            'rivi 9: `#` aloittaa kommentin, joka piilottaa rivin loppuosan — laita teksti '
            'lainausmerkkeihin: `fi: "kokous #2"`'),
    Mistake('? in a text in braces',
            'summary: {en: Why? To work}\n',
            9, 11, 'E003',
            'line 9: the text `en: Why? To work` holds a character that YAML reads as '
            'punctuation (`:`, `?` or `#`) — put the text in quotes: `en: "Why? To work"`',
            'rivi 9: tekstissä `en: Why? To work` on merkki, jonka YAML lukee välimerkiksi '
            '(`:`, `?` tai `#`) — laita teksti lainausmerkkeihin: `en: "Why? To work"`'),
    Mistake('a text starting with ?',
            'summary: ? mitä tehdään\n',
            9, 10, 'E003',
            'line 9: a text that starts with `? ` is read as a key — put the text in '
            'quotes: `summary: "? mitä tehdään"`',
            'rivi 9: merkeillä `? ` alkava teksti luetaan avaimeksi — laita teksti '
            'lainausmerkkeihin: `summary: "? mitä tehdään"`'),
    Mistake('a tab before a list item',
            'phases:\n\t- id: mentoring\n',
            10, 1, 'E003',
            'line 10: tab character in indentation',
            'rivi 10: sisennyksessä on sarkainmerkki'),
    Mistake('a tab before a key',
            'region:\n  fi: Kuopio\n\ten: Kuopio\n',
            11, 1, 'E003',
            'line 11: tab character in indentation',
            'rivi 11: sisennyksessä on sarkainmerkki'),
    Mistake('an unclosed [',
            'aims: [verkostot, työelämä\nregion: Kuopio\n',
            9, 7, 'E003',
            'line 9: the `[` that opens here is never closed — add `]` at the end of the '
            'list or map',
            'rivi 9: tässä alkava `[` ei sulkeudu koskaan — lisää `]` luettelon tai '
            'kokoelman loppuun'),
    Mistake('an unclosed {',
            'region: {fi: Kuopio, en: Kuopio\nsummary: x\n',
            9, 9, 'E003',
            'line 9: the `{` that opens here is never closed — add `}` at the end of the '
            'list or map',
            'rivi 9: tässä alkava `{` ei sulkeudu koskaan — lisää `}` luettelon tai '
            'kokoelman loppuun'),
    Mistake('an unclosed double quote',
            'region: "Kuopio\nsummary: x\n',
            9, 9, 'E003',
            'line 9: the quote `"` that opens here is never closed — end the text with `"`',
            'rivi 9: tässä alkava lainausmerkki `"` ei sulkeudu koskaan — päätä teksti '
            'merkkiin `"`'),
    Mistake('an unclosed single quote',
            "region: 'Kuopio\nsummary: x\n",
            9, 9, 'E003',
            "line 9: the quote `'` that opens here is never closed — end the text with `'`",
            "rivi 9: tässä alkava lainausmerkki `'` ei sulkeudu koskaan — päätä teksti "
            "merkkiin `'`"),
    Mistake('an unclosed quote over lines',
            'summary: "Ohjelma\nregion: Kuopio\nvoluntary: true\n',
            9, 10, 'E003',
            'line 9: the quote `"` that opens here is never closed — end the text with `"`',
            'rivi 9: tässä alkava lainausmerkki `"` ei sulkeudu koskaan — päätä teksti '
            'merkkiin `"`'),
    Mistake('a ] too many',
            'aims: [verkostot]]\n',
            9, 18, 'E003',
            'line 9: `]` closes nothing — remove it, or add the `[` it belongs to',
            'rivi 9: `]` ei sulje mitään — poista se tai lisää sen pari `[`'),
    Mistake('a } too many',
            'region: {fi: Kuopio}}\n',
            9, 21, 'E003',
            'line 9: `}` closes nothing — remove it, or add the `{` it belongs to',
            'rivi 9: `}` ei sulje mitään — poista se tai lisää sen pari `{`'),
    Mistake('a { closed with ]',
            'phases: [{id: mentoring, source: kuopio]\n',
            9, 40, 'E003',
            'line 9: `]` closes the `{` of line 9, column 10 — close it with `}`',
            'rivi 9: `]` sulkee rivin 9 sarakkeen 10 merkin `{` — sulje se merkillä `}`'),
    Mistake('double quotes inside double quotes',
            'summary: "Ohjelma "Womento" Kuopiossa"\n',
            9, 20, 'E003',
            'line 9: the text in quotes ends before the end of the line — quote the whole '
            'text, e.g. `summary: \'Ohjelma "Womento" Kuopiossa\'`',
            'rivi 9: lainausmerkeissä oleva teksti päättyy ennen rivin loppua — laita koko '
            'teksti lainausmerkkeihin, esimerkiksi `summary: \'Ohjelma "Womento" Kuopiossa\'`'),
    Mistake('a quoted text and more',
            'region: "Kuopio" ja lähikunnat\n',
            9, 18, 'E003',
            'line 9: the text in quotes ends before the end of the line — quote the whole '
            'text, e.g. `region: \'"Kuopio" ja lähikunnat\'`',
            'rivi 9: lainausmerkeissä oleva teksti päättyy ennen rivin loppua — laita koko '
            'teksti lainausmerkkeihin, esimerkiksi `region: \'"Kuopio" ja lähikunnat\'`'),
    Mistake('an apostrophe in single quotes',
            "summary: 'Kuopion 'oma' ohjelma'\n",
            9, 20, 'E003',
            'line 9: the text in quotes ends before the end of the line — quote the whole '
            'text, e.g. `summary: "Kuopion \'oma\' ohjelma"`',
            'rivi 9: lainausmerkeissä oleva teksti päättyy ennen rivin loppua — laita koko '
            'teksti lainausmerkkeihin, esimerkiksi `summary: "Kuopion \'oma\' ohjelma"`'),
    Mistake('a text starting with @',
            'region: @Kuopio\n',
            9, 9, 'E003',
            'line 9: a text cannot start with `@` unquoted — put the text in quotes: '
            '`region: "@Kuopio"`',
            'rivi 9: teksti ei voi alkaa merkillä `@` ilman lainausmerkkejä — laita teksti '
            'lainausmerkkeihin: `region: "@Kuopio"`'),
    Mistake('a text starting with a backtick',
            'region: `Kuopio`\n',
            9, 9, 'E003',
            'line 9: a text cannot start with `` ` `` unquoted — put the text in quotes: '
            '`region: "`Kuopio`"`',
            'rivi 9: teksti ei voi alkaa merkillä `` ` `` ilman lainausmerkkejä — laita '
            'teksti lainausmerkkeihin: `region: "`Kuopio`"`'),
    Mistake('a text starting with %',
            'summary: %50 naisia\n',
            9, 10, 'E003',
            'line 9: a text cannot start with `%` unquoted — put the text in quotes: '
            '`summary: "%50 naisia"`',
            'rivi 9: teksti ei voi alkaa merkillä `%` ilman lainausmerkkejä — laita teksti '
            'lainausmerkkeihin: `summary: "%50 naisia"`'),
    Mistake('a text starting with *',
            'summary: *tärkeä* ohjelma\n',
            9, 10, 'E003',
            'line 9: a text cannot start with `*` unquoted — put the text in quotes: '
            '`summary: "*tärkeä* ohjelma"`',
            'rivi 9: teksti ei voi alkaa merkillä `*` ilman lainausmerkkejä — laita teksti '
            'lainausmerkkeihin: `summary: "*tärkeä* ohjelma"`'),
    Mistake('a text that is an alias',
            'summary: *tärkeä\n',
            9, 10, 'E003',
            'line 9: a text cannot start with `*` unquoted — put the text in quotes: '
            '`summary: "*tärkeä"`',
            'rivi 9: teksti ei voi alkaa merkillä `*` ilman lainausmerkkejä — laita teksti '
            'lainausmerkkeihin: `summary: "*tärkeä"`'),
    Mistake('a text starting with !',
            'summary: !tärkeä\n',
            9, 10, 'E003',
            'line 9: a text cannot start with `!` unquoted — put the text in quotes: '
            '`summary: "!tärkeä"`',
            'rivi 9: teksti ei voi alkaa merkillä `!` ilman lainausmerkkejä — laita teksti '
            'lainausmerkkeihin: `summary: "!tärkeä"`'),
    Mistake('a text starting with >',
            'summary: > 18-vuotiaille\n',
            9, 10, 'E003',
            'line 9: a text cannot start with `>` unquoted — put the text in quotes: '
            '`summary: "> 18-vuotiaille"`',
            'rivi 9: teksti ei voi alkaa merkillä `>` ilman lainausmerkkejä — laita teksti '
            'lainausmerkkeihin: `summary: "> 18-vuotiaille"`'),
    Mistake('a text starting with |',
            'summary: | yhteenveto\n',
            9, 10, 'E003',
            'line 9: a text cannot start with `|` unquoted — put the text in quotes: '
            '`summary: "| yhteenveto"`',
            'rivi 9: teksti ei voi alkaa merkillä `|` ilman lainausmerkkejä — laita teksti '
            'lainausmerkkeihin: `summary: "| yhteenveto"`'),
    Mistake('a list item indented more',
            'phases:\n  - id: mentoring\n   - id: closing\n',
            11, 4, 'E003',
            'line 11: this list item is indented 3 spaces, but the item on line 10 is '
            'indented 2 — line up the `-` of every item of a list',
            'rivi 11: tämän luettelon kohdan sisennys on 3 välilyöntiä, mutta rivin 10 '
            'kohdan sisennys on 2 — aseta luettelon jokaisen kohdan `-` samaan kohtaan'),
    Mistake('a key under a key with a value',
            'region: Kuopio\n  summary: x\n',
            10, 3, 'E003',
            'line 10: `summary` is indented more than `region` on line 9, which already '
            'has a value — indent `summary` as much as `region`, or move the value of '
            '`region` below it',
            'rivi 10: `summary` on sisennetty enemmän kuin rivin 9 `region`, jolla on jo '
            'arvo — sisennä `summary` yhtä paljon kuin `region` tai siirrä avaimen '
            '`region` arvo sen alle'),
    Mistake('a key indented less',
            'region:\n    fi: Kuopio\n  en: Kuopio\n',
            11, 3, 'E003',
            'line 11: `en` is indented 2 spaces, but the key above it in the same map '
            '(line 10) is indented 4 — indent the keys of one map alike',
            'rivi 11: avaimen `en` sisennys on 2 välilyöntiä, mutta saman kokoelman '
            'yläpuolisen avaimen (rivi 10) sisennys on 4 — sisennä saman kokoelman avaimet '
            'yhtä paljon'),
    Mistake('a key in line with the dash',
            'phases:\n  - id: mentoring\n  duration: {value: 6, unit: month}\n',
            11, 3, 'E003',
            'line 11: `duration` stands in line with the `-` of the list item on line 10 — '
            'indent it 2 more spaces to make it part of that item, or start a new item '
            'with `- `',
            'rivi 11: `duration` on samassa kohdassa kuin rivin 10 luettelon kohdan `-` — '
            'sisennä sitä 2 välilyöntiä enemmän, niin se kuuluu siihen kohtaan, tai aloita '
            'uusi kohta merkeillä `- `'),
    Mistake('several keys on one line',
            'phases:\n  - id: mentoring, duration: 6\n',
            10, 3, 'E003',
            'line 10: `- id: mentoring, duration: 6` puts several keys on one line — write '
            'them in braces, `- {id: mentoring, duration: 6}`, or each on its own line',
            'rivi 10: `- id: mentoring, duration: 6`: samalla rivillä on monta avainta — '
            'kirjoita ne aaltosulkeisiin, `- {id: mentoring, duration: 6}`, tai kukin '
            'omalle rivilleen'),
    Mistake('a list item after its key',
            'aims: - verkostot\n',
            9, 7, 'E003',
            'line 9: a list item cannot stand on the line of its key — write `aims: '
            '[verkostot]`, or put `- verkostot` on the next line, indented',
            'rivi 9: luettelon kohta ei voi olla avaimensa rivillä — kirjoita `aims: '
            '[verkostot]` tai siirrä `- verkostot` seuraavalle riville sisennettynä'),
    Mistake('a backslash in double quotes',
            'summary: "C:\\polku"\n',
            9, 13, 'E003',
            'line 9: `\\p` inside double quotes is read as a special character — use single '
            'quotes instead, or write the backslash twice (`\\\\`)',
            'rivi 9: `\\p` luetaan lainausmerkkien "…" sisällä erikoismerkiksi — käytä '
            "puolilainausmerkkejä '…' tai kirjoita kenoviiva kahdesti (`\\\\`)"),
    Mistake('no space after a colon in braces',
            'phases:\n  - id: mentoring\n    cadence: {per_month: {min:1, max:2}}\n',
            11, 30, 'E003',
            'line 11: `min:1` needs a space after the colon — write `min: 1`',
            'rivi 11: `min:1`: kaksoispisteen jälkeen tarvitaan välilyönti — '
            'kirjoita `min: 1`'),
    Mistake('a key commented out',
            '# events:\n  - {id: kick-off, remove: true}\n',
            9, 1, 'E003',
            'line 9: the key of the list below, `events:`, is commented out — remove the '
            '`#` before it',
            'rivi 9: alla olevan luettelon avain `events:` on kommentoitu pois — poista '
            'sen edestä `#`'),
    Mistake('a second document',
            '---\nid: other\n',
            9, 1, 'E003',
            'more than one YAML document in the file',
            'tiedostossa on useampi kuin yksi YAML-dokumentti'),
    Mistake('a key twice',
            'region: Kuopio\nregion: Siilinjärvi\n',
            10, 1, 'E004',
            "duplicate key 'region'",
            "avain 'region' on kahdesti"),
    Mistake('a comma missing in braces',
            'phases:\n  - id: mentoring\n    duration: {min: 6 max: 8, unit: month}\n',
            11, 16, 'E003',
            'line 11: a comma is missing between `min: 6` and `max` — write `min: 6, max: 8`',
            'rivi 11: kohtien `min: 6` ja `max` välistä puuttuu pilkku — kirjoita '
            '`min: 6, max: 8`'),
    Mistake('a key below a quoted text',
            'summary: "Womento Kuopio" # ohjelma\n  fi: x\n',
            10, 3, 'E003',
            'line 10: YAML cannot read the file from here — look at this line and the one above '
            'it: the indentation, a missing colon, or a text that needs quotes',
            'rivi 10: YAML ei pysty lukemaan tiedostoa tästä eteenpäin — katso tätä ja edellistä '
            'riviä: sisennys, puuttuva kaksoispiste tai teksti, joka tarvitsee lainausmerkit'),
]


def _problem(text: str, language: str = "en"):  # type: ignore[no-untyped-def]
    previous = i18n.use(language)
    try:
        with pytest.raises(MentorcoreError) as raised:
            parse(text, "kuopio.yaml")
    finally:
        i18n.use(previous)
    (diagnostic,) = raised.value.diagnostics
    return diagnostic


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 30
    assert len({m.name for m in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("mistake", CORPUS, ids=[m.name for m in CORPUS])
def test_each_mistake_is_explained_at_its_line_in_english_and_finnish(mistake):
    english = _problem(HEAD + mistake.text)
    assert (english.line, english.column, english.rule) == (
        mistake.line, mistake.column, mistake.rule)
    assert english.message == mistake.english
    assert _problem(HEAD + mistake.text, "fi").message == mistake.finnish
    assert "malformed YAML" not in english.message


@pytest.mark.parametrize("mistake", CORPUS, ids=[m.name for m in CORPUS])
def test_each_mistake_is_explained_in_swedish(mistake):
    swedish = _problem(HEAD + mistake.text, "sv").message
    assert swedish != mistake.english or not mistake.english.startswith("line")
    if mistake.english.startswith("line "):
        assert swedish.startswith(f"rad {mistake.line}: ")


QUOTE_FIXES = [m for m in CORPUS if "put the text in quotes: `" in m.english
               or "quote the whole text, e.g. `" in m.english]


@pytest.mark.parametrize("mistake", QUOTE_FIXES, ids=[m.name for m in QUOTE_FIXES])
def test_the_fix_offered_parses(mistake):
    """Writing what the message says gives a file that parses, with the author's text."""
    fixed = mistake.english.rsplit(": `", 1)[-1].rstrip("`") if "quotes: `" in mistake.english \
        else mistake.english.rsplit("e.g. `", 1)[-1].rstrip("`")
    broken = (HEAD + mistake.text).splitlines()[mistake.line - 1]
    start = broken.index(fixed.split(":")[0]) if ":" in fixed else mistake.column - 1
    line = broken[:start] + fixed
    opener = {"{": "}", "[": "]"}
    depth = "".join(opener[c] for c in line if c in opener)
    text = HEAD + line + depth[len([c for c in line if c in "}]"]):] + "\n"
    parse(text, "kuopio.yaml")  # no error


def test_the_issue_example_through_the_command(run, write):
    path = write("kuopio.yaml", HEAD + "region Kuopio\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:9:1: line 9: `region Kuopio` has no colon — write `region: Kuopio`" \
        in result.output
    finnish = run("--lang", "fi", "validate", str(path))
    assert "rivi 9: `region Kuopio`: kaksoispiste puuttuu — kirjoita `region: Kuopio`" \
        in finnish.output


def test_the_installed_command_explains_in_the_locale_language(tmp_path):
    path = tmp_path / "kuopio.yaml"
    path.write_text(HEAD + "summary: Tavoite: työ\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mentorcore", "validate", str(path)],
                          capture_output=True, text=True, env={"LANG": "fi_FI.UTF-8",
                                                                "PATH": "/usr/bin:/bin",
                                                                "MENTORCORE_NO_CACHE": "1"})
    assert done.returncode == 1
    assert ":9:10: rivi 9: tekstissä `Tavoite: työ` on kaksoispiste ja välilyönti" in done.stdout
    assert '`summary: "Tavoite: työ"`' in done.stdout


def test_a_participant_list_is_never_quoted(write):
    """YAML participant lists hold personal data: a syntax error there names no cell."""
    secret = "Matti Meikäläinen: salainen"
    text = textwrap.dedent(f"""\
        - id: p1
          name: {secret}
        """)
    with pytest.raises(MentorcoreError) as raised:
        safe_data(text, "people.yaml")
    shown = " ".join(d.format() for d in raised.value.diagnostics)
    assert "Meikäläinen" not in shown and "salainen" not in shown


def test_quoted_texts_read_back_as_written():
    from ruamel.yaml import YAML

    for text in ['Tavoite: työ', 'Rock "n" roll', "Kuopion 'oma'", 'C:\\polku', "#2 ? @x"]:
        assert YAML(typ="safe").load(f"k: {quoted(text)}\n") == {"k": text}


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab :#?-[]{}'\"\t\n@*!|>%,", max_size=60))
def test_explaining_never_fails(text):
    """Whatever the text, an explanation is a message or None, never a crash, and its position
    is inside the file."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        YAML(typ="safe").load(text)
    except YAMLError as error:
        for rule in RULES:  # each rule on its own: explain() would hide a failing one
            rule(reading_of(error, text))
        found = explain(error, text)
        if found is not None:
            lines = max(1, len(text.splitlines()))
            assert 1 <= found.line <= lines + 1 and found.column >= 1
            assert found.message.startswith(f"line {found.line}: ")
    except Exception:  # noqa: BLE001 - ruamel's own failures (a bad number) are not ours
        pass
