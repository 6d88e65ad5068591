"""Special categories (GDPR Art. 9) found in column names in English, Finnish and Swedish: over
100 names a language, as coordinators write them — inflected, compounded, misspelt, with accents
left out, with zero-width spaces, soft hyphens and look-alike letters of other scripts — and the
ordinary columns of a participant list, which must not be taken for special categories."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorcore.matching.special_categories import CATEGORIES, fold, special_category_of

ENGLISH = {
    "ethnic_origin": [
        "ethnic origin", "Ethnicity", "ethnic_background", "ethnic group", "EthnicOrigin",
        "refugee", "refugee background", "Refugee status", "is_refugee", "asylum seeker",
        "asylum_status", "country of origin", "origin country", "country of birth",
        "birth country", "native country", "home country", "immigrant background",
        "migrant background", "migration_background", "foreign background", "foreign-born",
        "ancestry", "stateless", "unaccompanied minor", "minority", "ethnic minority",
        "indigenous", "tribe", "roma", "sami", "national origin", "tribal affiliation",
        "ethinicity", "refugge", "etnicity",
    ],
    "racial_origin": ["race", "Racial origin", "racial background", "skin colour",
                      "skin color", "skin tone", "experience of racism", "raical"],
    "religion": [
        "religion", "Religious affiliation", "religious belief", "faith", "beliefs",
        "church member", "denomination", "mosque", "muslim", "christian", "jewish",
        "hindu", "buddhist", "atheist", "orthodox", "catholic", "lutheran", "worship",
        "prayer times", "halal food", "kosher", "ramadan", "spiritual needs",
        "world view", "philosophical beliefs", "religon", "relgion", "reilgion",
    ],
    "health": [
        "health", "Health status", "health condition", "healthcare needs", "illness",
        "disease", "sickness", "disability", "disabled", "handicap", "medical conditions",
        "medication", "medicines", "diagnosis", "diagnoses", "mental health", "psychiatric",
        "psychological support", "depression", "anxiety", "trauma", "autism", "asperger",
        "dyslexia", "allergies", "diabetes", "epilepsy", "asthma", "cancer", "pregnancy",
        "pregnant", "wheelchair", "hearing impairment", "chronic illness", "symptoms",
        "therapy", "rehabilitation", "addiction", "alcohol use", "blood type", "vaccination",
        "covid", "special needs", "special diet", "injury", "HIV", "ADHD", "PTSD", "deaf",
        "blind", "helth", "heatlh", "healht", "diagnossis", "dissability", "medicatoin",
    ],
    "sexual_orientation": ["sexual orientation", "sexuality", "sex life", "LGBT", "LGBTQ+",
                           "queer", "lesbian", "gay", "homosexual", "bisexual",
                           "sexaul orientation"],
    "political_opinion": ["political opinion", "politics", "political party",
                          "party member", "party affiliation", "ideology", "voting",
                          "politcal views"],
    "trade_union": ["trade union", "union member", "union membership", "labour union",
                    "labor union", "union", "trade unoin"],
    "biometric": ["biometric data", "fingerprint", "face image", "facial recognition",
                  "iris scan", "voiceprint", "fingerprnt"],
    "genetic": ["genetic data", "genetics", "DNA", "genome", "hereditary conditions",
                "DNA test", "gentic"],
}

FINNISH = {
    "ethnic_origin": [
        "etninen tausta", "etnisyys", "etninen alkuperä", "pakolainen", "pakolaistausta",
        "pakolaisuus", "kiintiöpakolainen", "turvapaikanhakija", "turvapaikka",
        "lähtömaa", "lahtomaa", "lähtömaan_nimi", "synnyinmaa", "syntymämaa",
        "alkuperämaa", "kotimaa", "entinen kotimaa", "syntyperä", "alkuperä",
        "maahanmuuttotausta", "maahanmuuttajatausta", "maahanmuuttaja",
        "ulkomaalaistausta", "yksintullut", "yksin tullut alaikäinen",
        "ilman huoltajaa tullut", "kansalaisuudeton", "vähemmistö", "etninen vähemmistö",
        "saamelainen", "romani", "kansallinen tausta", "heimo", "klaani",
        "pakolaiinen", "etnisyy", "lähtömmaa",
    ],
    "racial_origin": ["rotu", "rodullinen tausta", "rodullistettu", "rotutausta",
                      "ihonväri", "ihonvari", "ihon väri", "ihonsävy", "ihonnväri"],
    "religion": [
        "uskonto", "Uskontokunta", "uskonnollinen", "uskonnollinen vakaumus", "uskon",
        "usko", "uskovainen", "kirkkoon kuuluminen", "kirkon jäsen", "seurakunta",
        "moskeija", "muslimi", "kristitty", "kristillinen", "juutalainen",
        "buddhalainen", "ateisti", "ortodoksi", "katolinen", "luterilainen",
        "helluntailainen", "jumalanpalvelus", "rukoilu", "rukousajat", "vakaumus",
        "elämänkatsomus", "maailmankatsomus", "katsomus", "uskonnoton", "uskonot",
        "uskonnolinen", "uskontokuntaa",
    ],
    "health": [
        "terveys", "terveydentila", "terveydentilaa", "terveystiedot", "terveyden tila",
        "mielenterveys", "sairaus", "sairaudet", "sairauden nimi", "pitkäaikaissairaus",
        "sairas", "sairastaa", "sairaala", "vamma", "vammaisuus", "vammainen",
        "kehitysvamma", "invalidi", "diagnoosi", "diagnoosit", "lääke", "lääkitys",
        "lääkkeet", "lääkäri", "psyykkinen", "psykiatrinen hoito", "psykologi",
        "masennus", "ahdistus", "autismi", "lukihäiriö", "oppimisvaikeudet",
        "allergia", "allergiat", "diabetes", "epilepsia", "astma", "syöpä", "raskaus",
        "raskaana", "pyörätuoli", "kuulovamma", "näkövamma", "toimintakyky",
        "työkyky", "työkyvyttömyys", "kuntoutus", "terapia", "päihteet",
        "päihdeongelma", "alkoholi", "huumeet", "riippuvuus", "veriryhmä", "rokotus",
        "rokotteet", "erityistarve", "erityistarpeet", "erityisen tuen tarve",
        "erityisruokavalio", "hoitotarve", "sairausloma", "terveyys", "tervyes",
        "diagnossi", "masenus", "lääkitys_tiedot", "sairuas", "kuuro", "sokea",
    ],
    "sexual_orientation": ["seksuaalinen suuntautuminen", "seksuaalisuus",
                           "seksuaalivähemmistö", "suuntautuminen", "hlbt", "seksielämä",
                           "sateenkaariperhe", "sekusaalinen suuntautuminen"],
    "political_opinion": ["poliittinen mielipide", "poliittinen kanta", "puolue",
                          "puolueen jäsen", "puoluekanta", "politiikka", "äänestys",
                          "äänestyskäyttäytyminen", "poliitinen kanta", "vaalit"],
    "trade_union": ["ammattiliitto", "ammattiliiton jäsen", "ammattiyhdistys",
                    "ay-jäsen", "ay jäsenyys", "ay-liike", "liiton jäsen", "ammatiliitto"],
    "biometric": ["biometriset tiedot", "sormenjälki", "sormenjäljet", "kasvokuva",
                  "kasvojentunnistus", "biometrinen"],
    "genetic": ["geneettinen tieto", "geneettiset tiedot", "perinnöllinen sairaus",
                "perimä", "DNA-testi", "geenit", "geneetinen"],
}

SWEDISH = {
    "ethnic_origin": [
        "etnisk bakgrund", "etnicitet", "etniskt ursprung", "etnisk tillhörighet",
        "flykting", "flyktingbakgrund", "flyktingstatus", "kvotflykting", "asylsökande",
        "asyl", "ursprung", "ursprungsland", "härkomst", "härstamning", "hemland",
        "födelseland", "fodelseland", "invandrarbakgrund", "utländsk bakgrund",
        "utlandsfödd", "ensamkommande", "ensamkommande barn", "statslös", "minoritet",
        "nationell minoritet", "samisk", "samer", "romer", "klan",
        "flyktnig", "etnisk bakrgund", "härkomts",
    ],
    "racial_origin": ["ras", "rasbakgrund", "hudfärg", "hudfarg", "hud färg",
                      "rastillhörighet", "hudfräg"],
    "religion": [
        "religion", "religiös", "religiös tillhörighet", "religiositet", "tro",
        "trosuppfattning", "trossamfund", "trostillhörighet", "troende",
        "kyrkotillhörighet", "kyrka", "medlem i kyrkan", "moské", "muslim", "kristen",
        "kristna", "judisk", "hinduisk", "buddhist", "ateist", "ortodox", "katolsk",
        "luthersk", "livsåskådning", "gudstjänst", "bön", "böntider", "halal", "koscher",
        "ramadan", "gud", "religon", "trosupfattning", "livsåskådnig",
    ],
    "health": [
        "hälsa", "halsa", "hälsotillstånd", "hälsoproblem", "hälsouppgifter", "sjukdom",
        "sjukdomar", "sjuk", "sjukskriven", "sjukhistorik", "funktionsnedsättning",
        "funktionsvariation", "funktionshinder", "handikapp", "diagnos", "diagnoser",
        "läkemedel", "medicinering", "mediciner", "psykisk ohälsa", "psykiatri",
        "depression", "ångest", "trauma", "autism", "adhd", "dyslexi", "allergi",
        "allergier", "diabetes", "epilepsi", "astma", "cancer", "graviditet", "gravid",
        "rullstol", "hörselskadad", "synskadad", "missbruk", "alkohol", "blodgrupp",
        "vaccination", "specialkost", "rehabilitering", "terapi", "arbetsförmåga",
        "kronisk sjukdom", "döv", "blind", "hälsotilstånd", "sjukdmo", "funktionsnedsätning",
        "diagnso", "medicinerng",
    ],
    "sexual_orientation": ["sexuell läggning", "sexuell orientering", "sexualitet",
                           "sexliv", "hbtq", "hbtqi", "homosexuell", "bisexuell",
                           "regnbågsfamilj", "sexuel läggning"],
    "political_opinion": ["politisk åsikt", "politisk tillhörighet", "parti",
                          "partitillhörighet", "partimedlem", "partisympati", "röstar på",
                          "röstade", "politsk åsikt", "ideologi"],
    "trade_union": ["fackförening", "fackförbund", "fackmedlem", "facklig tillhörighet",
                    "fackligt medlemskap", "fack", "fackföreninng", "fackforening"],
    "biometric": ["biometriska uppgifter", "fingeravtryck", "ansiktsbild",
                  "ansiktsigenkänning", "biometri", "fingeravtyrck"],
    "genetic": ["genetiska uppgifter", "genetisk", "arftlig sjukdom", "dna-prov",
                "genetsk"],
}

LANGUAGES = {"en": ENGLISH, "fi": FINNISH, "sv": SWEDISH}

ORDINARY = [
    # every field of the bundled models that is not declared special
    "age", "auroras_group_participant", "contact", "education", "employment_status", "field",
    "finnish_level", "gender", "languages_wanted", "mentor_kind", "municipality", "name",
    "needs", "profession", "region", "school", "school_level", "speaks_finnish_well",
    "study_situation", "wants_individual_mentoring", "wants_mentor", "wished_field",
    "wished_mentor_kind", "wishes_and_needs", "working_age", "works_in_small_locality",
    "years_in_finland", "max_mentees", "language_group", "kieliryhmä", "språkgrupp",
    # what participant lists hold besides, in three languages
    "id", "role", "email", "e-mail", "phone", "phone number", "address", "postcode", "city",
    "first name", "last name", "birth year", "date of birth", "start date", "goals",
    "interests", "hobbies", "availability", "schedule", "notes", "comments", "experience",
    "language", "languages", "native language", "mother tongue", "occupation",
    "workplace", "employer", "skills", "motivation", "orientation session", "group",
    "team", "mentor", "mentee", "consent", "participant", "participation", "wealth",
    "stealth mode", "relief work", "radial", "grace period", "trace", "reunion",
    "conditions accepted", "insurance",
    "nimi", "etunimi", "sukunimi", "sähköposti", "puhelin", "puhelinnumero", "osoite",
    "postinumero", "kotikunta", "asuinkunta", "ikä", "syntymävuosi", "sukupuoli", "kieli",
    "äidinkieli", "kielitaito", "suomen kielen taso", "koulutus", "ammatti", "työpaikka",
    "työtilanne", "toiveet", "tavoitteet", "harrastukset", "kiinnostuksen kohteet",
    "aikataulu", "lisätiedot", "kokemus", "alkamispäivä", "ryhmä", "alue", "mentori",
    "mentoroitava", "suostumus", "kotimaakunta", "alkuperäinen hakemus", "kirkkaus",
    "namn", "förnamn", "efternamn", "e-post", "telefon", "telefonnummer", "adress",
    "postnummer", "hemkommun", "ålder", "födelseår", "kön", "språk", "modersmål",
    "språkkunskaper", "utbildning", "yrke", "arbetsplats", "önskemål", "mål",
    "intressen", "fritidsintressen", "tillgänglighet", "övrigt", "erfarenhet",
    "startdatum", "grupp", "område", "adept", "samtycke", "genomförd", "genomgång",
    "genom skolan", "bönor", "storlek",
]


def _cases(language: str) -> list[tuple[str, str]]:
    return [(name, category) for category, names in LANGUAGES[language].items()
            for name in names]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_at_least_100_names_a_language_every_category(language):
    cases = _cases(language)
    assert len(cases) >= 100
    assert {category for _name, category in cases} == set(CATEGORIES)


@pytest.mark.parametrize("name, category",
                         [case for language in sorted(LANGUAGES) for case in _cases(language)])
def test_special_category_found(name, category):
    assert special_category_of(name) == category


@pytest.mark.parametrize("name", ORDINARY)
def test_ordinary_column_not_special(name):
    assert special_category_of(name) is None


HIDDEN = ["\u200b", "\u00ad", "\u200d", "\u2060", "\ufeff", "\u200e"]
"""Format characters a name may hide inside a word: zero-width space, soft hyphen, zero-width
joiner, word joiner, BOM, left-to-right mark."""
LOOK_ALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
               "y": "\u0443", "i": "\u0456", "H": "\u0397", "T": "\u03a4", "s": "\u0455"}
"""Latin letters and their Cyrillic or Greek look-alikes."""

SAMPLE = ["terveydentila", "hälsa", "religion", "etnisk bakgrund", "pakolaistausta",
          "fackförening", "health", "uskonto", "diagnoosi", "sexuell läggning",
          "ihonväri", "lähtömaa"]


@given(st.sampled_from(SAMPLE), st.data())
def test_hidden_characters_and_look_alikes_do_not_hide_a_category(name, data):
    expected = special_category_of(name)
    assert expected is not None
    position = data.draw(st.integers(1, len(name) - 1))
    hidden = data.draw(st.sampled_from(HIDDEN))
    disguised = name[:position] + hidden + name[position:]
    disguised = "".join(LOOK_ALIKES.get(char, char) if data.draw(st.booleans()) else char
                        for char in disguised)
    assert special_category_of(disguised) == expected


def test_full_width_case_and_accents_folded():
    assert fold("ＨＥＡＬＴＨ") == "health"
    assert fold("Hälso\u00adtillstånd") == "halsotillstand"
    assert special_category_of("RELIGIÖS") == "religion"
    assert special_category_of("T\u0415RVEYS") == "health"  # Cyrillic Е


def test_vocabulary_is_the_data_file(tmp_path, monkeypatch):
    """The words come from special_categories.toml, not from the code."""
    from importlib import resources

    from mentorcore.matching import special_categories

    text = resources.files("mentorcore.matching").joinpath(
        "special_categories.toml").read_text(encoding="utf-8")
    assert '"tervey"' in text and '"hälsa"' in text and '"religi"' in text
    special_categories.vocabulary.cache_clear()
    monkeypatch.setattr(special_categories.resources, "files",
                        lambda _package: tmp_path)
    (tmp_path / "special_categories.toml").write_text(
        '[health]\nstems = ["zzhealth"]\n', encoding="utf-8")
    try:
        assert special_categories.special_category_of("zzhealth record") == "health"
        assert special_categories.special_category_of("terveys") is None
    finally:
        special_categories.vocabulary.cache_clear()
