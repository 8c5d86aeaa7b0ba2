"""ORG: gazetteer, patterns, acronym binding, canonical values, the organisations dataset."""

from __future__ import annotations

import time
from importlib import resources

import pytest
import spacy

from policytext.extract.components import SPAN_KEY
from policytext.extract.mention import Mention
from policytext.extract.orgs import (
    OrgFinder,
    gazetteer_without,
    load_gazetteer,
    norm_name,
    read_gazetteer_file,
    resolve_document_orgs,
    schwartz_hearst,
    similarity,
)
from policytext.organisations import COLUMNS, organisation_rows


@pytest.fixture(scope="module")
def finder() -> OrgFinder:
    return OrgFinder()


def orgs(finder: OrgFinder, text: str, place: str | None = None) -> dict[str, str]:
    return {text[m.start : m.end]: m.value for m in finder(text, place=place)}


# Real sentences from corpora/sample: (sentence, surface, value)
GOOD = [
    (
        "Met diverse partijen (GGD Haaglanden, zorg- en welzijnsaanbieders, gemeenten en samenwerkingsverbanden) is gewerkt",
        "GGD Haaglanden",
        "GGD Haaglanden",
    ),
    (
        "De gemeente heeft in 2023 afspraken gemaakt met Wijk en Welzijn Scheveningen over extra ondersteuning voor mantelzorgers.",
        "Wijk en Welzijn Scheveningen",
        "Wijk en Welzijn Scheveningen",
    ),
    (
        "Om de vaccinatiegraad te verhogen gaan we, in samenwerking met de Haagse Vaccinatie Alliantie, door met de uitbreiding.",
        "Haagse Vaccinatie Alliantie",
        "Haagse Vaccinatie Alliantie",
    ),
    (
        "In 2023 heeft een Jongerenstadslab plaatsgevonden in samenwerking met het ministerie van SZW, voor jongeren tussen de 12-18 jaar.",
        "ministerie van SZW",
        "ministerie van SZW",
    ),
    (
        "Onderwerpen die centraal stonden waren: de Ooievaarspas, stichting Leergeld en talentontwikkeling.",
        "stichting Leergeld",
        "stichting Leergeld",
    ),
    (
        "  • Gemeente Den Haag biedt samen met partners het MDT-project aan.",
        "Gemeente Den Haag",
        "gemeente Den Haag",
    ),
    (
        "O.a. tijdens de beraadslagingen in de commissie Samenleving op 30 maart.",
        "commissie Samenleving",
        "Commissie Samenleving",
    ),
    (
        "De resultaten worden meegenomen in het onderzoek dat wordt uitgevoerd door de Universiteit Utrecht.",
        "Universiteit Utrecht",
        "Universiteit Utrecht",
    ),
    (
        "En in samenwerking met Het Nationaal Theater hebben vijf schoolklassen een stuk gepresenteerd.",
        "Het Nationaal Theater",
        "Het Nationaal Theater",
    ),
    (
        "Het Coronaprogramma is sinds 1 mei volledig afgeschaald en opgegaan in de afdeling Algemene Infectieziektebestrijding.",
        "afdeling Algemene Infectieziektebestrijding",
        "afdeling Algemene Infectieziektebestrijding",
    ),
    (
        "Ook is er werk gemaakt van de samenwerking met de William Schrikker Stichting en andere partijen.",
        "William Schrikker Stichting",
        "William Schrikker Stichting",
    ),
    (
        "De vaccinatiegraad werd vanuit het Rijk en het COA een aanhoudend beroep op de gemeente Den Haag.",
        "COA",
        "COA",
    ),
    ("Ook hebben ministeries van VWS en JenV een toekomstscenario opgesteld.", "JenV", "JenV"),
    (
        "zijn zorgverleners gestart met de opleiding bij het Nederlands Centrum Jeugdgezondheid. Deze interventie",
        "Nederlands Centrum Jeugdgezondheid",
        "Nederlands Centrum Jeugdgezondheid",
    ),
    (
        "we werken samen in de academische werkplaats met de Haagse Hogeschool aan het tegengaan van stigma.",
        "Haagse Hogeschool",
        "Haagse Hogeschool",
    ),
    ("Ontwikkelingen huisvesting\n\nFinancier:\nCZ\nSamenwerkingspartner:", "CZ", "CZ"),
    (
        "Daarnaast heeft ruim 1.200 keer gebruikgemaakt van advies en ondersteuning van PEP Den Haag, zoals advies.",
        "PEP Den Haag",
        "PEP Den Haag",
    ),
    ("De diensten DSO, DPZ en DBV zijn ook aangesloten.", "DBV", "DBV"),
    (
        "Samen met zorg- en welzijnspartners zoals Middin, Saffier, Schroeder vd Kolk en Wijkz zijn vijf uitleenpunten gestart.",
        "Schroeder vd Kolk",
        "Schroeder vd Kolk",
    ),
    (
        "Samen met zorg- en welzijnspartners zoals Middin, Saffier, Schroeder vd Kolk en Wijkz zijn vijf uitleenpunten gestart.",
        "Wijkz",
        "Wijkz",
    ),
    (
        "STEK en Vluchtelingenwerk Zuidwest-Nederland hebben voor 90 slachtoffers van mensenhandel gezorgd.",
        "Vluchtelingenwerk Zuidwest-Nederland",
        "Vluchtelingenwerk Zuidwest-Nederland",
    ),
    (
        "In 2023 hebben GGD Haaglanden en GGD Hollands Midden verkend hoe zij kunnen samenwerken.",
        "GGD Hollands Midden",
        "GGD Hollands Midden",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "surface", "value"), GOOD, ids=[f"{g[1]}-{i}" for i, g in enumerate(GOOD)]
)
def test_finds_org(finder: OrgFinder, sentence: str, surface: str, value: str) -> None:
    found = orgs(finder, sentence)
    assert surface in found, found
    assert found[surface] == value


# (sentence, a stretch that must not be an ORG)
BAD = [
    (
        "Als Zoetermeer vallen wij onder de regio Haaglanden, samen met Zoetermeer, Rijswijk en Wassenaar.",
        "Zoetermeer",
    ),
    (
        "Bij Kansrijke Start is de samenwerking tussen de jeugdgezondheidszorg (JGZ) en de verloskundigen.",
        "JGZ",
    ),
    (
        "In 2023 zijn we gestart met de Haagse Preventieaanpak (HPA) in drie wijken.",
        "Haagse Preventieaanpak",
    ),
    (
        "Een belangrijke afspraak in het Integraal Zorg Akkoord (IZA) is de inzet op preventie.",
        "Integraal Zorg Akkoord",
    ),
    (
        "zoals de centra voor jeugd en gezin (CJG), de Servicepunten XL, de buurthuizen, de bibliotheken",
        "Servicepunten XL",
    ),
    (
        "komen in Den Haag binnen bij het Meldpunt Zorgwekkend Gedrag van de GGD, waar ook meldingen binnenkomen.",
        "Meldpunt Zorgwekkend Gedrag",
    ),
    (
        "Den Haag sloot zich als eerste grote Nederlandse gemeente aan bij het Child Friendly Cities (CFC) initiative van UNICEF.",
        "Child Friendly Cities",
    ),
    (
        "Welzijn en Servicepunten XL\n\nIn 2023 hebben we de welzijnsorganisaties versterkt.",
        "Welzijn en Servicepunten XL",
    ),
    ("Om de toegang te stroomlijnen is een pilot ‘Toegang JMO’ uitgevoerd.", "JMO"),
    ("De Permanente Winteropvang (PWO) is open van december tot maart.", "Permanente Winteropvang"),
]


@pytest.mark.parametrize(("sentence", "stretch"), BAD, ids=[b[1] for b in BAD])
def test_not_org(finder: OrgFinder, sentence: str, stretch: str) -> None:
    start = sentence.index(stretch)
    end = start + len(stretch)
    for m in finder(sentence):
        assert not (m.start < end and start < m.end), sentence[m.start : m.end]


def test_geographic_gemeente_is_not_org(finder: OrgFinder) -> None:
    # a territorial cue before "de gemeente X" makes it the area (patterns_nl.json)
    assert (
        orgs(finder, "Dit regio-beeld Den Haag 1.0 betreft geografisch de gemeente Den Haag.") == {}
    )


# ------------------------------------------------------------- binding and values


def test_acronym_defined_in_brackets(finder: OrgFinder) -> None:
    text = (
        "voeren Stichting Hulpverlening en Opvang Prostituees (SHOP) en stichting De Haven "
        "carrièreswitch-programma’s uit.\n  • SHOP coördineerde in 2023 de opvang."
    )
    found = finder(text)
    values = [(text[m.start : m.end], m.value) for m in found]
    full = "Stichting Hulpverlening en Opvang Prostituees"
    assert (full, full) in values
    assert values.count(("SHOP", full)) == 2
    assert ("stichting De Haven", "stichting De Haven") in values


def test_acronym_without_letter_match_binds_to_known_org(finder: OrgFinder) -> None:
    text = "Zie ook de tekst over de nieuwe Samenwerkingsverbanden Jeugd (HTP). Later: de nieuwe (HTP) werkt."
    assert [m.value for m in finder(text) if text[m.start : m.end] == "HTP"] == [
        "Samenwerkingsverbanden Jeugd"
    ] * 2


def test_acronym_with_place(finder: OrgFinder) -> None:
    text = "Regionale Ambulance Voorziening Haaglanden (RAV Haaglanden)\nIn 2023 stonden de prestaties onder druk."
    assert orgs(finder, text)["RAV Haaglanden"] == "Regionale Ambulance Voorziening Haaglanden"


def test_initials_bind_to_full_name(finder: OrgFinder) -> None:
    text = (
        "Het aantal soa-consulten bij het Centrum Seksuele Gezondheid van de GGD Haaglanden was 11.500. "
        "Daarnaast heeft het CSG in 2023 gemiddeld 630 PrEP-cliënten in zorg gehad."
    )
    found = orgs(finder, text)
    assert found["Centrum Seksuele Gezondheid"] == "Centrum Seksuele Gezondheid"
    assert found["CSG"] == "Centrum Seksuele Gezondheid"
    assert found["GGD Haaglanden"] == "GGD Haaglanden"


def test_schwartz_hearst() -> None:
    assert schwartz_hearst("JDM", "Ook JONG doet mee!") == "JONG doet mee!"
    assert (
        schwartz_hearst("JMO", "Dienstverlening Jeugd en Maatschappelijke Ondersteuning")
        == "Jeugd en Maatschappelijke Ondersteuning"
    )
    assert schwartz_hearst("XYZ", "Geen passende woorden") is None


@pytest.mark.parametrize(
    ("text", "place", "value"),
    [
        (
            "GGD Haaglanden heeft onderzoek gedaan. Er is ingezet op het versterken van de GGD zodat",
            None,
            "GGD Haaglanden",
        ),
        (
            "Meldingen komen binnen bij het Meldpunt van de GGD, waar ook",
            "Den Haag",
            "GGD Haaglanden",
        ),
        (
            "Meldingen komen binnen bij het Meldpunt van de GGD, waar ook",
            "Leiden",
            "GGD Hollands Midden",
        ),
        ("Meldingen komen binnen bij de GGD, waar ook", None, "GGD"),
    ],
    ids=["named-in-text", "place-den-haag", "place-leiden", "unknown"],
)
def test_bare_ggd(finder: OrgFinder, text: str, place: str | None, value: str) -> None:
    assert [m.value for m in finder(text, place=place) if text[m.start : m.end] == "GGD"] == [value]


def test_typo_takes_the_frequent_name(finder: OrgFinder) -> None:
    text = (
        "GGD Haaglanden heeft in 2023 onderzoek gedaan. Ook heeft GGD Haaglanden leidraden geleverd. "
        "DGGD Haaglanden adviseert de regio samen te werken."
    )
    assert orgs(finder, text)["DGGD Haaglanden"] == "GGD Haaglanden"


def test_short_form_takes_full_name(finder: OrgFinder) -> None:
    text = "Een voorbeeld is het gerealiseerde H-team 070. Plannen staan op de website van het H-team.\n"
    assert [m.value for m in finder(text)] == ["H-team 070", "H-team 070"]


def test_gazetteer_values_option() -> None:
    f = OrgFinder(gazetteer_values=True)
    text = "Het toekomstscenario van de ministeries van VWS en JenV."
    assert orgs(f, text)["VWS"] == "ministerie van Volksgezondheid, Welzijn en Sport"


def test_list_neighbours_of_known_org() -> None:
    text = (
        "De proeftuin is een samenwerking tussen Jeugdbescherming West, William Schrikker Stichting, "
        "Veilig Thuis Haaglanden, Raad voor de Kinderbescherming, Perspektief, Impegno (volwassen- en jeugd GGZ) en de gemeente."
    )
    f = OrgFinder(gazetteer_without({"Perspektief", "Impegno"}))
    found = orgs(f, text)
    assert {
        "Perspektief",
        "Impegno",
        "Veilig Thuis Haaglanden",
        "Raad voor de Kinderbescherming",
    } <= set(found)


def test_similarity_and_normalisation() -> None:
    assert norm_name("Gezond & Gelukkig Den Haag") == norm_name("Gezond en Gelukkig Den Haag")
    assert similarity("Schroeder vd Kolk", "Schroeder van der Kolk") == 100
    assert similarity("GGD Gelderland-Zuid", "GGD Gelderland-Midden") < 92


# ------------------------------------------------------------- gazetteer files


def test_gazetteer_extension_file(tmp_path) -> None:
    path = tmp_path / "eigen.tsv"
    path.write_text(
        "# eigen lijst, versie 1\nname\taliases\ttype\nStichting Buurtkracht Delft\tBuurtkracht|SBD\tstichting\n",
        encoding="utf-8",
    )
    f = OrgFinder(load_gazetteer([path]))
    text = "Samen met Buurtkracht en de SBD organiseert de gemeente Delft een markt."
    found = orgs(f, text)
    assert found["Buurtkracht"] == "Buurtkracht"
    assert found["SBD"] == "SBD"
    assert found["gemeente Delft"] == "gemeente Delft"
    csv_path = tmp_path / "eigen.csv"
    csv_path.write_text("name,aliases,type\nHaags Fonds Wijken,HFW,fonds\n", encoding="utf-8")
    assert "HFW" in orgs(OrgFinder(load_gazetteer([csv_path])), "Met geld van het HFW.")


def test_component_reads_gazetteer_paths(tmp_path) -> None:
    path = tmp_path / "eigen.tsv"
    path.write_text("name\taliases\ttype\nBuurtkracht Delft\t\tstichting\n", encoding="utf-8")
    nlp = spacy.blank("nl")
    nlp.add_pipe("policytext_orgs", config={"gazetteer_paths": [str(path)]})
    doc = nlp("We werken samen met Buurtkracht Delft en de GGD Haaglanden.")
    spans = list(doc.spans[SPAN_KEY])
    assert [(s.text, s.label_, s._.value) for s in spans] == [
        ("Buurtkracht Delft", "ORG", "Buurtkracht Delft"),
        ("GGD Haaglanden", "ORG", "GGD Haaglanden"),
    ]


def test_gazetteer_file_needs_header() -> None:
    with pytest.raises(ValueError):
        read_gazetteer_file(["naam\tsoort\n", "X\ty\n"], "bad.tsv")


def test_builtin_resources() -> None:
    gaz = load_gazetteer()
    municipalities = [e for e in gaz.entries if e.type == "gemeente"]
    assert len(municipalities) == 342
    ggd = {e.name for e in gaz.entries if e.type == "ggd"}
    assert len(ggd) == 25
    assert {e.get("ggd") for e in municipalities} <= ggd
    folder = resources.files("policytext.resources.orgs")
    for name in (
        "municipalities.tsv",
        "ggd.tsv",
        "ministries.tsv",
        "agencies.tsv",
        "veilig_thuis.tsv",
        "insurers.tsv",
        "education.tsv",
        "providers.tsv",
        "sample_corpus.tsv",
    ):
        head = folder.joinpath(name).read_text("utf-8").splitlines()[0]
        assert head.startswith("#"), name
    assert "gemeente Den Haag" in {e.name for e in municipalities}
    assert gaz.entry("Den Haag") is None  # a place, not an organisation


# ------------------------------------------------------------- document level


def test_resolve_document_orgs_across_passages(finder: OrgFinder) -> None:
    text = (
        "De Haagse Jongerenambassadeurs (HJA) hebben zes adviezen opgeleverd.\n\n"
        "De HJA spreken wethouders.\n\n"
        "In 2023 is de GGD versterkt."
    )
    passages = [(0, 69), (71, 97), (99, len(text))]
    per_passage: list[Mention] = []
    for s, e in passages:
        per_passage += [m.shifted(s) for m in finder(text[s:e])]
    assert "HJA" not in {text[m.start : m.end] for m in per_passage if m.start > 70}
    doc_level = resolve_document_orgs(
        text, per_passage, place="Den Haag", finder=finder, within=passages
    )
    values = {(text[m.start : m.end], m.value) for m in doc_level}
    assert ("HJA", "Haagse Jongerenambassadeurs") in values
    assert ("GGD", "GGD Haaglanden") in values


def test_no_catastrophic_backtracking(finder: OrgFinder) -> None:
    for text in (
        "A " * 100_000,
        "Stichting " * 20_000,
        "(" * 100_000 + "ABC)",
        "GGD en " * 3_000,
        "Middin, " * 3_000,
    ):
        t0 = time.perf_counter()
        finder(text)
        assert time.perf_counter() - t0 < 3.0


# ------------------------------------------------------------- organisations dataset


def test_organisations_merge_variants() -> None:
    rows = [
        {"doc_id": "a", "label": "ORG", "text": "Schroeder vd Kolk", "value": "Schroeder vd Kolk"},
        {
            "doc_id": "b",
            "label": "ORG",
            "text": "Schroeder van der Kolk",
            "value": "Schroeder van der Kolk",
        },
        {"doc_id": "a", "label": "ORG", "text": "GGD Haaglanden", "value": "GGD Haaglanden"},
        {"doc_id": "b", "label": "ORG", "text": "DGGD Haaglanden", "value": "DGGD Haaglanden"},
        {"doc_id": "a", "label": "ORG", "text": "Gemeente Den Haag", "value": "gemeente Den Haag"},
        {
            "doc_id": "c",
            "label": "ORG",
            "text": "gemeente 's-Gravenhage",
            "value": "gemeente 's-Gravenhage",
        },
        {
            "doc_id": "a",
            "label": "ORG",
            "text": "Gezond & Gelukkig Den Haag",
            "value": "Gezond & Gelukkig Den Haag",
        },
        {
            "doc_id": "b",
            "label": "ORG",
            "text": "Gezond en Gelukkig Den Haag",
            "value": "Gezond en Gelukkig Den Haag",
        },
        {"doc_id": "a", "label": "ORG", "text": "H3", "value": "H3"},
        {"doc_id": "a", "label": "ORG", "text": "H5", "value": "H5"},
        {"doc_id": "a", "label": "ORG", "text": "Zoetermeer 2025", "value": "Zoetermeer 2025"},
        {"doc_id": "b", "label": "ORG", "text": "Zoetermeer 2030", "value": "Zoetermeer 2030"},
        {"doc_id": "a", "label": "DATE", "text": "2023", "value": "2023"},
    ]
    out = organisation_rows(rows)
    by_name = {r["name"]: r for r in out}
    assert set(by_name["GGD Haaglanden"]["surface_forms"]) == {"GGD Haaglanden", "DGGD Haaglanden"}
    assert by_name["GGD Haaglanden"]["type"] == "ggd"
    assert by_name["gemeente Den Haag"]["n_documents"] == 2
    assert by_name["gemeente Den Haag"]["type"] == "gemeente"
    kolk = [r for r in out if "Schroeder vd Kolk" in r["surface_forms"]]
    assert len(kolk) == 1 and kolk[0]["n_documents"] == 2
    gg = [r for r in out if "Gezond en Gelukkig Den Haag" in r["surface_forms"]]
    assert len(gg) == 1 and gg[0]["n_mentions"] == 2
    assert {"H3", "H5", "Zoetermeer 2025", "Zoetermeer 2030"} <= set(by_name)
    assert all(set(r) == {c.name for c in COLUMNS} for r in out)
    assert all(r["org_id"].startswith("org:") for r in out)
    assert sum(r["n_mentions"] for r in out) == 12


def test_pipeline_and_document_pass_on_sample() -> None:
    from policytext.extract.orgs import resolve_with_pipeline
    from policytext.process import EXTRACT_KINDS, find_mentions, load_document
    from tests.conftest import SAMPLE

    document = load_document(SAMPLE / "reos_huisvesting_eerstelijnszorg_zuidwest.txt")
    nlp = spacy.blank("nl")
    nlp.add_pipe("policytext_orgs")
    mentions = find_mentions(nlp, document)
    within = [(p.start, p.end) for p in document.passages if p.kind in EXTRACT_KINDS]
    final = resolve_with_pipeline(nlp, document.text, mentions, place="Den Haag", within=within)
    values = {(document.text[m.start : m.end], m.value) for m in final if m.label == "ORG"}
    assert ("H-team", "H-team 070") in values
    assert ("gemeente Den Haag", "gemeente Den Haag") in values
    assert ("CZ", "CZ") in values


# ------------------------------------------------- general Dutch knowledge (v1.1)
# Sentences written for these tests (no corpus strings): one class per block.

NATIONAL_PARTIES = [
    ("De VVD en D66 stemden voor het voorstel.", "VVD", "VVD"),
    ("De VVD en D66 stemden voor het voorstel.", "D66", "D66"),
    ("Volgens de PvdA is meer geld nodig.", "PvdA", "PvdA"),
    ("Het amendement van de ChristenUnie werd verworpen.", "ChristenUnie", "ChristenUnie"),
    ("Alleen GroenLinks en de SP waren tegen.", "GroenLinks", "GroenLinks"),
    ("Alleen GroenLinks en de SP waren tegen.", "SP", "SP"),
    ("Na de verkiezingen werd GL-PvdA de tweede partij.", "GL-PvdA", "GL-PvdA"),
    ("De motie van de PVV kreeg steun van JA21 en FvD.", "JA21", "JA21"),
    ("Kamerleden van BBB en NSC vroegen om een debat.", "NSC", "NSC"),
    (
        "Ook de Partij voor de Dieren diende een motie in.",
        "Partij voor de Dieren",
        "Partij voor de Dieren",
    ),
    # the full name when the document gives it (guidelines: value)
    (
        "De Socialistische Partij (SP) wil lagere huren. De SP dient daarom een motie in.",
        "SP",
        "Socialistische Partij",
    ),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), NATIONAL_PARTIES)
def test_national_parties(finder: OrgFinder, sentence: str, surface: str, value: str) -> None:
    assert orgs(finder, sentence).get(surface) == value


LOCAL_PARTIES = [
    (
        "Namens Stadspartij Zwolle sprak de fractievoorzitter.",
        "Stadspartij Zwolle",
        "Stadspartij Zwolle",
    ),
    (
        "Het voorstel van Leefbaar Utrecht kreeg geen meerderheid.",
        "Leefbaar Utrecht",
        "Leefbaar Utrecht",
    ),
    ("Daarna nam Lokaal Belang het woord.", "Lokaal Belang", "Lokaal Belang"),
    (
        "Tegen stemden de fracties van de VVD, Dorpsbelangen Westerveld en D66.",
        "Dorpsbelangen Westerveld",
        "Dorpsbelangen Westerveld",
    ),
    # a local party listed next to national ones; a name may end in "!"
    (
        "Voor stemden de fracties van het CDA, Groen Dorp!, PvdA en VVD.",
        "Groen Dorp!",
        "Groen Dorp!",
    ),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), LOCAL_PARTIES)
def test_local_parties(finder: OrgFinder, sentence: str, surface: str, value: str) -> None:
    assert orgs(finder, sentence).get(surface) == value


def test_one_person_fractie_and_its_short_form(finder: OrgFinder) -> None:
    text = (
        "De fracties van D66 en fractie Jansen dienen een motie in. Tegen stemden de fracties "
        "van het CDA en Jansen. Het woord is aan de heer Jansen."
    )
    found = [(text[m.start : m.end], m.value) for m in finder(text)]
    assert ("fractie Jansen", "Fractie Jansen") in found
    assert ("Jansen", "Fractie Jansen") in found
    assert len([s for s, _ in found if s == "Jansen"]) == 1  # "de heer Jansen" is a person


def test_fractie_of_a_known_party_keeps_the_party_alone(finder: OrgFinder) -> None:
    assert orgs(finder, "De fractie van de VVD en fractie GroenLinks stemden tegen.") == {
        "VVD": "VVD",
        "GroenLinks": "GroenLinks",
    }


VEILIGHEIDSREGIOS = [
    (
        "De Veiligheidsregio Hollands Midden oefent met de brandweer.",
        "Veiligheidsregio Hollands Midden",
        "Veiligheidsregio Hollands Midden",
    ),
    ("Het bestuur van de VRHM vergaderde in mei.", "VRHM", "VRHM"),
    # an acronym form takes the full name the document gives
    (
        "De Veiligheidsregio Noord-Holland Noord stelt het plan vast. De begroting van "
        "Veiligheidsregio NHN volgt later.",
        "Veiligheidsregio NHN",
        "Veiligheidsregio Noord-Holland Noord",
    ),
    (
        "De begroting van Veiligheidsregio NHN volgt later.",
        "Veiligheidsregio NHN",
        "Veiligheidsregio NHN",
    ),
    # a bare capitalised head points to the one named veiligheidsregio
    (
        "De raad spreekt over de Veiligheidsregio Twente. De begroting van de Veiligheidsregio stijgt.",
        "Veiligheidsregio",
        "Veiligheidsregio Twente",
    ),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), VEILIGHEIDSREGIOS)
def test_veiligheidsregios(finder: OrgFinder, sentence: str, surface: str, value: str) -> None:
    assert orgs(finder, sentence).get(surface) == value


def test_bare_head_without_named_body_is_dropped(finder: OrgFinder) -> None:
    assert "Veiligheidsregio" not in orgs(finder, "Het advies van de Veiligheidsregio volgt.")


INTERNATIONAL = [
    ("Volgens de WHO is bewegen gezond.", "WHO", "WHO"),
    ("De OESO vergelijkt onderwijsstelsels.", "OESO", "OESO"),
    ("Het rapport van de OECD verscheen in maart.", "OECD", "OECD"),
    ("De Europese Commissie stelt nieuwe regels voor.", "Europese Commissie", "Europese Commissie"),
    ("De Raad van Europa publiceerde een advies.", "Raad van Europa", "Raad van Europa"),
    ("UNICEF vraagt aandacht voor kinderrechten.", "UNICEF", "UNICEF"),
    ("Volgens het IMF groeit de economie.", "IMF", "IMF"),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), INTERNATIONAL)
def test_international_bodies(finder: OrgFinder, sentence: str, surface: str, value: str) -> None:
    assert orgs(finder, sentence).get(surface) == value


def test_acronym_value_only_expands_when_the_document_gives_the_full_name(
    finder: OrgFinder,
) -> None:
    # guidelines: "the full name when the document gives it, else the name as written"
    assert orgs(finder, "Uit onderzoek van het SCP blijkt dat eenzaamheid toeneemt.") == {
        "SCP": "SCP"
    }
    assert orgs(finder, "Zie ook de brief aan de TK over dit onderwerp.") == {"TK": "TK"}
    text = "Het Sociaal en Cultureel Planbureau doet onderzoek. Volgens het SCP is dat nodig."
    assert orgs(finder, text)["SCP"] == "Sociaal en Cultureel Planbureau"


GEMEENTEN = [
    # former municipalities (merged) are not in municipalities.tsv
    (
        "De gemeente Veghel heeft in 2015 een nieuw plan gemaakt.",
        "gemeente Veghel",
        "gemeente Veghel",
    ),
    ("Gemeente Haaren heeft de subsidie toegekend.", "Gemeente Haaren", "gemeente Haaren"),
    (
        "Het college van de gemeente Den Bosch besluit.",
        "gemeente Den Bosch",
        "gemeente Den Bosch",
    ),
    (
        "Zij werkt als beleidsadviseur bij de gemeente Ten Boer.",
        "gemeente Ten Boer",
        "gemeente Ten Boer",
    ),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), GEMEENTEN)
def test_gemeente_pattern(finder: OrgFinder, sentence: str, surface: str, value: str) -> None:
    assert orgs(finder, sentence).get(surface) == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Het onderzoek betreft geografisch de gemeente Veghel.",
        "Het project ligt op het grondgebied van de gemeente Haaren.",
        "Samen met de gemeenten Veghel, Haaren en Uden is het plan gemaakt.",
    ],
)
def test_gemeente_as_area_or_plural_is_not_org(finder: OrgFinder, sentence: str) -> None:
    assert not any(s.lower().startswith("gemeente") for s in orgs(finder, sentence))


def test_gemeente_before_another_name_is_not_a_municipality(finder: OrgFinder) -> None:
    # "heeft de gemeente <object>": a two-word name after it is not read as a place
    found = orgs(finder, "Vorig jaar heeft de gemeente Stichting Zonnebloem Noord gevraagd.")
    assert "gemeente Stichting" not in found


NAMED_BODIES = [
    (
        "Het rapport van de Rekenkamercommissie Zaanstad is besproken.",
        "Rekenkamercommissie Zaanstad",
        "Rekenkamercommissie Zaanstad",
    ),
    # a report title after "<body> <place>" is cut off
    (
        "De raad bespreekt het rapport Rekenkamercommissie Zaanstad Grip op Subsidies.",
        "Rekenkamercommissie Zaanstad",
        "Rekenkamercommissie Zaanstad",
    ),
    ("Het bezoek aan het Kees Verweymuseum was druk.", "Kees Verweymuseum", "Kees Verweymuseum"),
    (
        "De Adviescommissie Water Noord adviseert positief.",
        "Adviescommissie Water Noord",
        "Adviescommissie Water Noord",
    ),
]


@pytest.mark.parametrize(("sentence", "surface", "value"), NAMED_BODIES)
def test_named_bodies_by_noun(finder: OrgFinder, sentence: str, surface: str, value: str) -> None:
    assert orgs(finder, sentence).get(surface) == value


@pytest.mark.parametrize(
    ("sentence", "org"),
    [
        ("De Raad van Toezicht van Stichting Zonnebloem is akkoord.", "Stichting Zonnebloem"),
        ("Het Dagelijks Bestuur van de GGD Gelderland-Zuid besluit.", "GGD Gelderland-Zuid"),
        ("Het College van B&W stelt de nota vast.", None),
    ],
)
def test_internal_bodies_are_not_orgs(finder: OrgFinder, sentence: str, org: str | None) -> None:
    found = orgs(finder, sentence)
    assert list(found) == ([org] if org else [])


def test_plural_acronym_is_generic(finder: OrgFinder) -> None:
    text = "De GGD Drenthe voert de monitor uit. Alle GGD’s doen mee."
    spans = [text[m.start : m.end] for m in finder(text)]
    assert spans == ["GGD Drenthe"]
