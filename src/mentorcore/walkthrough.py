"""The walkthrough "Design your own programme" of ``docs/authoring.md``: hand-written, kept
here so that :mod:`mentorcore.reference` puts it into the generated page after the conventions
(tests/test_authoring.py validates the model it builds with ``--strict``)."""

from __future__ import annotations

MODEL = """\
# yaml-language-server: $schema=mentorcore.schema.json
id: digikaveri
name: {fi: Digikaveri, en: Digital buddy}
organisation: Kuopion Setlementti
summary:
  fi: Vapaaehtoinen ja ikääntynyt maahan muuttanut tapaavat viikoittain kolmen kuukauden ajan.
  en: A volunteer and an older immigrant meet every week for three months.
region: Kuopio
languages: [fi]
voluntary: true
source: digikaveri-plan
sources:
  - id: digikaveri-plan
    document: Digikaveri-toiminnan suunnitelma
    decided_by: Kuopion Setlementin hallitus
    published: 2027-01-15

target_group:
  description: {fi: yli 60-vuotiaat maahan muuttaneet, en: immigrants over 60}
  traits: [immigrant]
  age: {min: 60}
  source: digikaveri-plan

roles:
  - id: volunteer
    name: {fi: vapaaehtoinen, en: volunteer}
    kind: mentor
    volunteer: true
    source: digikaveri-plan
  - id: senior
    name: {fi: digikaveri, en: digital buddy}
    kind: mentee
    source: digikaveri-plan

units:
  - id: pair
    name: {fi: pari, en: pair}
    kind: pair
    roles: [volunteer, senior]
    source: digikaveri-plan

phases:
  - id: training
    name: {fi: vapaaehtoisten perehdytys, en: volunteers' orientation}
    kind: orientation
    entry: rolling
    duration: {value: 1, unit: week}
    source: digikaveri-plan
  - id: mentoring
    name: {fi: tapaamiset, en: meetings}
    kind: mentoring
    entry: rolling
    duration: {value: 3, unit: month}
    cadence: {unit: pair, per_week: 1, total: {value: 12, approx: true}}
    source: digikaveri-plan
"""
"""The finished model of the walkthrough: weekly pairs of a volunteer and an older immigrant for
three months, rolling intake."""

WALKTHROUGH = """\
## Design your own programme

A walk through a new programme from nothing: *Digikaveri*, in which a volunteer and an older
immigrant meet every week for three months to practise everyday digital services, and a pair
starts whenever a volunteer and a participant are found (rolling intake).

**1. Start from the skeleton.** `mentorcore new digikaveri` writes `digikaveri.yaml`: one pair
of a volunteer mentor and a mentee meeting twice a month for six months, every key commented
(the comments in the language of the run: `mentorcore --lang fi new digikaveri` writes them in
Finnish, `--lang sv` in Swedish; `--from` does the same for an adaptation).
It passes `mentorcore validate --strict digikaveri.yaml` as it is; keep it passing after every
step. Its first line, `# yaml-language-server: $schema=mentorcore.schema.json`, lets an editor
with the YAML language server (VS Code's YAML extension) complete keys and show what each means;
`new` writes the schema file beside it.

**2. Say who runs it and for whom.** `name`, `organisation`, `region` and `languages` (the
languages the mentoring is done in), a one-line `summary`, and the `target_group`: a
`description`, `traits` such as `immigrant`, and an `age` range — `{min: 60}` is "60 or older".

**3. Say where the facts come from.** Every fact cites a source with `source: <id>`. A programme
you design is your organisation's own decision: its source says what the decision is
(`document`), who made it (`decided_by`) and when (`published`). Values nobody has decided yet
(how many pairs a year, how often a meeting is cancelled) go under `assumptions`, each with its
rationale; `mentorcore simulate` lists which ones it used.

**4. Who takes part.** Two `roles`: the volunteer (`kind: mentor`, `volunteer: true`) and the
participant (`kind: mentee`). The ids are yours (`volunteer`, `senior`); the names are what the
handbook prints, in each language of the model.

**5. Who meets.** One `unit`, a `pair` of the two roles.

**6. The stages, in order.** A short orientation for volunteers, then the meetings. Both have
`entry: rolling`: a pair starts as soon as it is found, instead of a cohort starting on one
date. The meetings last `{value: 3, unit: month}` and meet `per_week: 1`, about 12 times in all
(`total: {value: 12, approx: true}` — W204 checks that the weekly rhythm over three months
gives about that many). A quantity is always a number with a unit, never a number whose unit
lives in a comment: `duration: 3 kuukautta` is refused with the form to write instead.

**7. Check it and read it.** `mentorcore validate --strict digikaveri.yaml` reports every problem
at its line with the fix; `mentorcore --lang fi handbook digikaveri.yaml` is the participants'
guide; `mentorcore simulate digikaveri.yaml` simulates pairs through it; `mentorcore show --origin`
marks where each value comes from.

The finished model:

```yaml
""" + MODEL + """```

To adapt an existing programme instead, start with `mentorcore new our-programme --from womento`:
the file extends the model, inherits everything it does not write, and declares a source for
your organisation's decisions (`our-programme-decisions`). Cite it on every item you change — a
changed value that still cites the parent's document is W018, because that document says
nothing about your region; an item whose `kind` you change is W017 (give a new item an id of
its own instead), and two items of one list with the same id are E016.
"""

__all__ = ["MODEL", "WALKTHROUGH"]
