"""Tests for :mod:`policytext.extract.dates`: spans, TIMEX3 values, exclusions, robustness.

Sentences marked ``corpus`` are from ``corpora/sample``; the others are written to cover
the same classes of expression in other municipalities' wording.
"""

from __future__ import annotations

import itertools
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.extract.dates import PRESENT_REF, find_dates

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[2]


def dates(text: str, ref_year: int | None = 2023) -> list[tuple[str, str, str | None, str | None]]:
    """(span text, value, mod, range_end) of every DATE in ``text``."""
    return [
        (text[m.start : m.end], m.value, m.mod, m.range_end) for m in find_dates(text, ref_year)
    ]


def spans(text: str, ref_year: int | None = 2023) -> list[str]:
    return [text[m.start : m.end] for m in find_dates(text, ref_year)]


# --- good: (text, ref_year, expected [(span, value, mod, range_end)]) -------------------
GOOD = {
    # corpus
    "day-month-year-weekday-out": (
        "Op zaterdag 25 november 2023 zijn de Haagse Vrijwilligersprijzen georganiseerd.",
        2023,
        [("25 november 2023", "2023-11-25", None, None)],
    ),
    "bare-year-in": (
        "In 2023 hebben we ons ingezet voor het vrijwilligerswerk.",
        2023,
        [("2023", "2023", None, None)],
    ),
    "month-year": (
        "De gemeente heeft in augustus 2023 een programma gelanceerd.",
        2023,
        [("augustus 2023", "2023-08", None, None)],
    ),
    "quarter-in-brackets": (
        "nader toegelicht in de tweede voortgangsrapportage welzijn (Q2 2024).",
        2023,
        [("Q2 2024", "2024-Q2", None, None)],
    ),
    "year-range-en-dash-spaced": (
        "om 170 deelnemers te bereiken verdeeld over 3 trajecten in 2 jaar (2022 – 2023).",
        2023,
        [("2022 – 2023", "2022", None, "2023")],
    ),
    "season-no-year": (
        "Gedurende de zomer hebben we boulevardstewards ingezet.",
        2023,
        [("de zomer", "2023-SU", None, None)],
    ),
    "afgelopen-zomer": (
        "Afgelopen zomer is de campagne tegen straatintimidatie te zien geweest.",
        2023,
        [("Afgelopen zomer", "2023-SU", None, None)],
    ),
    "bare-month": (
        "In november zijn circa 250 inwoners afgekomen.",
        2023,
        [("november", "2023-11", None, None)],
    ),
    "day-month-no-year": (
        "Op 7 december heeft het startsymposium plaatsgevonden.",
        2023,
        [("7 december", "2023-12-07", None, None)],
    ),
    "eind-year": (
        "Eind 2021 besloot het college tot de doorontwikkeling.",
        2023,
        [("Eind 2021", "2021", "END", None)],
    ),
    "per-year": (
        "Dit betekent dat diverse jeugdhulptaken van de JMO per 2024 overgaan.",
        2023,
        [("2024", "2024", None, None)],
    ),
    "year-range-heading": (
        "Doorontwikkeling jeugd- en gezinshulp 2024-2032",
        2023,
        [("2024-2032", "2024", None, "2032")],
    ),
    "coordinated-days": (
        "Op 14 maart en 12 oktober 2023 heeft er een werkbespreking plaatsgevonden.",
        2023,
        [("14 maart", "2023-03-14", None, None), ("12 oktober 2023", "2023-10-12", None, None)],
    ),
    "half-year": (
        "De pilot eindigde op 31 december 2023. "
        "Tweede helft van 2023 hebben de partijen afspraken gemaakt.",
        2023,
        [
            ("31 december 2023", "2023-12-31", None, None),
            ("Tweede helft van 2023", "2023-H2", None, None),
        ],
    ),
    "bare-year-no-preposition": (
        "We zetten 2024 in op een inhoudelijke evaluatie.",
        2023,
        [("2024", "2024", None, None)],
    ),
    "list-of-days": (
        "tijdens de beraadslagingen op 30 maart, 15 juni, 14 september en 15 november.",
        2023,
        [
            ("30 maart", "2023-03-30", None, None),
            ("15 juni", "2023-06-15", None, None),
            ("14 september", "2023-09-14", None, None),
            ("15 november", "2023-11-15", None, None),
        ],
    ),
    "year-dating-figure": (
        "In 2023 zijn bij het meldpunt 902 meldingen binnengekomen (2022: 390).",
        2023,
        [("2023", "2023", None, None), ("2022", "2022", None, None)],
    ),
    "medio-month-year": (
        "doordat de politie sinds medio mei 2023 meldingen doorgeeft.",
        2023,
        [("medio mei 2023", "2023-05", "MID", None)],
    ),
    "quarter-with-article": (
        "In 2023 zijn tot en met het derde kwartaal 122 gezinnen besproken.",
        2023,
        [("2023", "2023", None, None), ("het derde kwartaal", "2023-Q3", None, None)],
    ),
    "half-year-with-article": (
        "(met name in het eerste halfjaar van 2022) is er een vicieuze cirkel ontstaan",
        2023,
        [("het eerste halfjaar van 2022", "2022-H1", None, None)],
    ),
    "begin-month": (
        "Begin april is een regionale maatregel van kracht geworden.",
        2023,
        [("Begin april", "2023-04", "START", None)],
    ),
    "tot-eind-year": (
        "Eind 2022 is de regiovisie verlengd tot eind 2025.",
        2023,
        [("Eind 2022", "2022", "END", None), ("eind 2025", "2025", "END", None)],
    ),
    "season-of-year": (
        "zijn we in de zomer van 2023 gestart met de Haagse aanpak.",
        2023,
        [("de zomer van 2023", "2023-SU", None, None)],
    ),
    "season-followed-by-count": (
        "hebben we vanaf de zomer 23 evacuees uit Soedan opgevangen.",
        2023,
        [("de zomer", "2023-SU", None, None)],
    ),
    "abbreviated-month": (
        "leefgeld aan 973 ontheemden (peildatum: 31 dec. 2023), het organiseren van onderwijs",
        2023,
        [("31 dec. 2023", "2023-12-31", None, None)],
    ),
    "datetime-day-first": (
        "Deze pagina is gebouwd op 10/11/2022 13:56:57 met de export van 10/11/2022 13:49:34",
        2022,
        [
            ("10/11/2022 13:56:57", "2022-11-10T13:56:57", None, None),
            ("10/11/2022 13:49:34", "2022-11-10T13:49:34", None, None),
        ],
    ),
    "present-range": (
        "Welke stappen zijn er gezet?\n2021 - heden\nAgenderen",
        2025,
        [("2021 - heden", "2021", None, PRESENT_REF)],
    ),
    "quarter-present-range": (
        "Q4 2023 - heden\nStructureel overleg",
        2025,
        [("Q4 2023 - heden", "2023-Q4", None, PRESENT_REF)],
    ),
    "timeline-year-line": (
        "informeert en mobiliseert partners.\n2025\nContinuering van structureel overleg",
        2025,
        [("2025", "2025", None, None)],
    ),
    "season-of-year-najaar": (
        "In het najaar van 2022 is het Integraal Zorgakkoord ondertekend.",
        2024,
        [("het najaar van 2022", "2022-FA", None, None)],
    ),
    "plan-keeps-partial-year": (
        "Het doel is om in het eerste kwartaal een proces op te starten.",
        2023,
        [("het eerste kwartaal", "XXXX-Q1", None, None)],
    ),
    "percent-dated": ("De tevredenheid was 88% (2023).", 2023, [("2023", "2023", None, None)]),
    "t.o.v.": (
        "(3% groei in 2023 t.o.v. 2022)",
        2023,
        [("2023", "2023", None, None), ("2022", "2022", None, None)],
    ),
    # written
    "month-range": (
        "Van januari t/m maart 2024 liep de pilot.",
        2023,
        [("januari t/m maart 2024", "2024-01", None, "2024-03")],
    ),
    "month-range-over-new-year": (
        "In november-februari 2024 is gemeten.",
        2023,
        [("november-februari 2024", "2023-11", None, "2024-02")],
    ),
    "day-range": (
        "De Week tegen Eenzaamheid is 12-14 april 2023.",
        2023,
        [("12-14 april 2023", "2023-04-12", None, "2023-04-14")],
    ),
    "date-range-merged": (
        "De regeling loopt 1 januari - 31 maart 2024.",
        2023,
        [("1 januari - 31 maart 2024", "2024-01-01", None, "2024-03-31")],
    ),
    "quarter-range-merged": (
        "Uitvoering: Q4 2023 - Q2 2024.",
        2023,
        [("Q4 2023 - Q2 2024", "2023-Q4", None, "2024-Q2")],
    ),
    "short-year-range": (
        "Het schooljaar 2023/24 is gestart.",
        2023,
        [("2023/24", "2023", None, "2024")],
    ),
    "tot-op-heden": (
        "Vanaf 2021 tot op heden werken we samen.",
        2023,
        [("2021 tot op heden", "2021", None, PRESENT_REF)],
    ),
    "month-to-now": (
        "Juni 2023 – nu: pilot in Leiden.",
        2023,
        [("Juni 2023 – nu", "2023-06", None, PRESENT_REF)],
    ),
    "het-begin-van": (
        "Aan het begin van 2024 volgt de evaluatie.",
        2023,
        [("het begin van 2024", "2024", "START", None)],
    ),
    "het-einde-van": (
        "Het einde van 2025 is de deadline.",
        2023,
        [("Het einde van 2025", "2025", "END", None)],
    ),
    "rond-approx": (
        "Rond 2030 moet de wijk klaar zijn.",
        2023,
        [("Rond 2030", "2030", "APPROX", None)],
    ),
    "omstreeks-approx": (
        "Omstreeks 1990 werd het wijkcentrum gebouwd.",
        2023,
        [("Omstreeks 1990", "1990", "APPROX", None)],
    ),
    "halverwege-mid": (
        "Halverwege 2024 evalueren we de aanpak.",
        2023,
        [("Halverwege 2024", "2024", "MID", None)],
    ),
    "eind-hyphen-month": (
        "De evaluatie volgt eind-december.",
        2023,
        [("eind-december", "2023-12", "END", None)],
    ),
    "iso-date": ("Datum besluit: 2023-11-25.", 2023, [("2023-11-25", "2023-11-25", None, None)]),
    "numeric-dashes": (
        "Ingangsdatum 1-1-2024 volgens de regeling.",
        2023,
        [("1-1-2024", "2024-01-01", None, None)],
    ),
    "quarter-words-year": (
        "In het vierde kwartaal van 2023 is de raad geïnformeerd.",
        2023,
        [("het vierde kwartaal van 2023", "2023-Q4", None, None)],
    ),
    "quarter-ordinal-abbrev": (
        "Het 3e kwartaal 2022 liet een daling zien.",
        2023,
        [("Het 3e kwartaal 2022", "2022-Q3", None, None)],
    ),
    "quarter-year-first": (
        "Oplevering gepland voor 2024-Q3.",
        2023,
        [("2024-Q3", "2024-Q3", None, None)],
    ),
    "half-code": ("De meting van H1 2024 volgt.", 2023, [("H1 2024", "2024-H1", None, None)]),
    "winter-split-year": (
        "De winter 2023/2024 was zacht.",
        2023,
        [("De winter 2023/2024", "2023-WI", None, None)],
    ),
    "season-short-year": (
        "Tijdens de zomer '23 waren er minder meldingen.",
        2023,
        [("de zomer '23", "2023-SU", None, None)],
    ),
    "voorjaar-lente": (
        "In het voorjaar van 2024 start de bouw.",
        2023,
        [("het voorjaar van 2024", "2024-SP", None, None)],
    ),
    "herfst": (
        "In de herfst van 2023 is gemeten.",
        2023,
        [("de herfst van 2023", "2023-FA", None, None)],
    ),
    "deze-winter": (
        "Deze winter is de opvang uitgebreid.",
        2023,
        [("Deze winter", "2023-WI", None, None)],
    ),
    "sentence-year-anchor": (
        "In 2019 is in september een pilot gestart.",
        2023,
        [("2019", "2019", None, None), ("september", "2019-09", None, None)],
    ),
    "weekday-dropped": (
        "Op dinsdag 4 april 2023 vergaderde de raad.",
        2023,
        [("4 april 2023", "2023-04-04", None, None)],
    ),
    "coordinated-years": (
        "In 2019, 2020 en 2021 daalde het aantal.",
        2023,
        [("2019", "2019", None, None), ("2020", "2020", None, None), ("2021", "2021", None, None)],
    ),
    "start-as-modifier": (
        "Start 2025 begint de bouw.",
        2023,
        [("Start 2025", "2025", "START", None)],
    ),
    "start-as-verb": (
        "De pilot start januari 2024 in Delft.",
        2023,
        [("januari 2024", "2024-01", None, None)],
    ),
    "quarter-range-shared-year": (
        "Q1-Q3 2024 liep de pilot.",
        2023,
        [("Q1-Q3 2024", "2024-Q1", None, "2024-Q3")],
    ),
    "date-range-hyphen": (
        "Aanmelden kan 1 januari-31 maart 2024.",
        2023,
        [("1 januari-31 maart 2024", "2024-01-01", None, "2024-03-31")],
    ),
    "year-as-subject": (
        "Het bleek dat 2023 een recordjaar was.",
        2023,
        [("2023", "2023", None, None)],
    ),
    "lowercase-period-noun": (
        "In het schooljaar 2023-2024 deden 12 scholen mee.",
        2023,
        [("2023-2024", "2023", None, "2024")],
    ),
    "line-wrapped-date": (
        "Op 25\nnovember 2023 is het besluit genomen.",
        2023,
        [("25\nnovember 2023", "2023-11-25", None, None)],
    ),
}


@pytest.mark.parametrize(("text", "ref_year", "expected"), list(GOOD.values()), ids=list(GOOD))
def test_good(
    text: str, ref_year: int, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert dates(text, ref_year) == expected


# --- bad: text in which nothing is a DATE -------------------------------------------
BAD = {
    # corpus
    "title-glued-to-name": "Met diverse partijen en Zoetermeer 2025 is gewerkt aan het regiobeeld.",
    "title-monitor": "De Ouderenmonitor 2023 (RIS316022 ) is uitgebracht.",
    "title-in-quotes": "subsidieregeling ‘Emancipatie Den Haag 2021’ hebben diverse organisaties",
    "title-range-in-quotes": "het beleidsplan ‘Versterken & Verbinden 2021–2024’ (RIS310647 )",
    "title-lowercase-in-quotes": "beleidskader ‘Aanpak dakloosheid Den Haag geeft thuis 2023-2030'",
    "title-name-and-coordinated": "De doelstelling van Follow Your Dreams 2022 en 2023 was om",
    "title-range-name": "De Prostitutienota Den Haag 2020-2022 (RIS 304625) is geëvalueerd.",
    "title-acronym-name": "een locatie voor de Winterkouderegeling (WKR) 2023/2024 gevonden.",
    "title-capitalised-monitor": "Tevens is de tweede Regiovisie Monitor 2022 uitgebracht.",
    "budget-column": "Rekening 2023",
    "budget-column-saldo": "saldo 2023",
    "budget-column-alone-on-line": "Saldo\n\n2023\n\nSociale basis",
    "ris-numbers": "(RIS314485, RIS316086) en (RIS 316343)",
    "ages": "alle Haagse kinderen tussen de 0-18 jaar en jongeren tussen de 12-18 jaar",
    "duration": "verdeeld over 3 trajecten in 2 jaar",
    "vague-periods": "Meer trainingen dan vorig jaar. Dit jaar, komende jaren, de komende periode.",
    "afgelopen-jaar": "Afgelopen jaar zijn de meldingen toegenomen.",
    "weekday-without-date": "We besteden breed aandacht aan Paarse Vrijdag.",
    "version-number": "Dit regio-beeld Den Haag 1.0 betreft geografisch de gemeente Den Haag",
    "working-days": "binnen vijf werkdagen een jeugdbeschermer koppelen en 15 minuten ter plaatse",
    "seasonal-compound": "de Permanente Winteropvang en de Week van de Lentekriebels",
    # written
    "begroting": "In de begroting 2024 is rekening gehouden met de Voorjaarsnota 2023.",
    "publieksjaarverslag": "Het Publieksjaarverslag 2022 verscheen later.",
    "act": "Act. 2022 bedroeg € 3 miljoen.",
    "budget-range": "De Programmabegroting 2024-2027 en de begroting 2024 en 2025.",
    "coalitieakkoord": "het coalitieakkoord 2022-2026 en het jaarplan 2024",
    "reference-numbers": "Zie raadsvoorstel 2023-123, motie nr. 2021 en RIS 2023.",
    "postcode": "Postbus 12600, 2500 DJ Den Haag",
    "phone": "Bel 070 353 2020 voor een afspraak.",
    "amount-like": "€ 2023, 2023 euro, 2023%, rond de 2000 euro",
    "count-qualifier": "circa 2000 deelnemers, ongeveer 1950 bezoekers, meer dan 2010 woningen",
    "article-count": "de 2000 mensen die zich meldden",
    "duration-years": "2000 jaar geleden en 1990 keer",
    "count-plural-noun": "Er zijn 1998 aanvragen gedaan en in totaal 2045 woningen gebouwd.",
    "decade": "In de jaren 2000 was dat anders.",
    "code-with-hyphens": "Zie zaak Z-2023-001 en het COVID-2019 dossier.",
    "plural-budget-word": "In de jaarverslagen 2022 en 2023 staat het.",
    "url-and-file": "www.denhaag.nl/2023/nieuws en bestand_2023.pdf en v2023",
    "decimal-number": "De index steeg naar 2023,5 punten en 2.023 bezoekers.",
    "name-with-start": "Het programma Kansrijke Start 2023 loopt door.",
    "quoted-straight": 'Het programma "Visie 2040" is gepresenteerd.',
    "helft-of-people": "De eerste helft van de deelnemers rondde het traject af.",
    "invalid-day": "31/02/2023 en 45 januari",
    "bare-quarter-word": "De cijfers worden per kwartaal gerapporteerd.",
    "compound-season-hyphen": "Tijdens de zomer- en herfstvakantie is het rustig.",
}


@pytest.mark.parametrize("text", list(BAD.values()), ids=list(BAD))
def test_bad(text: str) -> None:
    assert dates(text) == []


# --- values --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ref_year", "value"),
    [
        pytest.param("Begin april is het ingegaan.", None, "XXXX-04", id="no-ref-year-month"),
        pytest.param("Op 12 april is het gelanceerd.", None, "XXXX-04-12", id="no-ref-year-day"),
        pytest.param(
            "In het eerste kwartaal is het gemeten.", None, "XXXX-Q1", id="no-ref-year-quarter"
        ),
        pytest.param("Afgelopen zomer was het druk.", None, "XXXX-SU", id="no-ref-year-season"),
        pytest.param("Begin april is het ingegaan.", 2024, "2024-04", id="ref-year-2024"),
        pytest.param("We gaan in september evalueren.", 2023, "XXXX-09", id="plan-stays-partial"),
        pytest.param("Zomer '98 was het druk.", 2023, "1998-SU", id="short-year-1900s"),
        pytest.param(
            "Vanaf 2023-11-25T10:30 is het open.", 2023, "2023-11-25T10:30", id="iso-datetime"
        ),
        pytest.param(
            "gebouwd op 09/02/2024 14:26", 2023, "2024-02-09T14:26", id="datetime-no-seconds"
        ),
        pytest.param("op 29 februari 2024", 2023, "2024-02-29", id="leap-day"),
        pytest.param("H2 2023 volgt", 2023, "2023-H2", id="half-code"),
        pytest.param(
            "Op dinsdag 12 december is besloten.", 2024, "2023-12-12", id="weekday-picks-year"
        ),
        pytest.param("Op donderdag 12 december.", 2024, "2024-12-12", id="weekday-fits-ref-year"),
        pytest.param("het laatste kwartaal van 2022", 2023, "2022-Q4", id="laatste-kwartaal"),
    ],
)
def test_value(text: str, ref_year: int | None, value: str) -> None:
    found = find_dates(text, ref_year)
    assert [m.value for m in found] == [value]


def test_mod_and_range_fields() -> None:
    (m,) = find_dates("medio mei 2023", 2023)
    assert (m.mod, m.range_end, m.label) == ("MID", None, "DATE")
    (r,) = find_dates("2024-2032", 2023)
    assert (r.value, r.range_end, r.mod) == ("2024", "2032", None)
    assert r.extras() == {"range_end": "2032"}


def test_invalid_time_keeps_date() -> None:
    assert spans("op 10/11/2022 25:61 uur") == ["10/11/2022"]


def test_backwards_year_range_is_not_a_range() -> None:
    assert dates("In 2023-2019 ...") == []  # "2023-2019": glued numbers, no time


# --- resource file -------------------------------------------------------------------
def test_resource_file_describes_itself() -> None:
    data = json.loads(
        resources.files("policytext.resources").joinpath("dates_nl.json").read_text("utf-8")
    )
    assert {"_about", "_version", "_source"} <= data.keys()
    assert sorted(data["months"].values()) == list(range(1, 13))
    assert set(data["seasons"].values()) == {"SP", "SU", "FA", "WI"}
    assert set(data["modifiers"].values()) == {"START", "MID", "END", "APPROX"}
    assert {"heden", "nu"} <= set(data["present_words"])
    assert sorted(data["weekdays"].values()) == list(range(1, 8))


# --- robustness ----------------------------------------------------------------------
DATE_ALPHABET = st.sampled_from(
    [
        " ",
        "\n",
        "-",
        "–",
        "/",
        ".",
        ",",
        ":",
        "(",
        ")",
        "‘",
        "’",
        "'",
        '"',
        "€",
        "0",
        "1",
        "2",
        "9",
        "2023",
        "1999",
        "12",
        "Q",
        "H",
        "Q4",
        "t/m",
        "tot",
        "op",
        "heden",
        "nu",
        "januari",
        "mei",
        "dec.",
        "zomer",
        "winter",
        "het",
        "de",
        "van",
        "eerste",
        "kwartaal",
        "helft",
        "halfjaar",
        "eind",
        "begin",
        "medio",
        "rond",
        "start",
        "afgelopen",
        "In",
        "Zoetermeer",
        "begroting",
        "RIS",
        "jaar",
        "a",
        "é",
        "\u00a0",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=200), st.lists(DATE_ALPHABET, max_size=60).map("".join)),
    st.one_of(st.none(), st.integers(1900, 2100)),
)
def test_property_spans(text: str, ref_year: int | None) -> None:
    found = find_dates(text, ref_year)
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        piece = text[m.start : m.end]
        assert piece.strip() == piece
        assert m.start >= last_end  # sorted and non-overlapping
        last_end = m.end
        assert m.label == "DATE" and isinstance(m.value, str)


# Quadratic time or catastrophic backtracking would take minutes on these, not seconds.
@pytest.mark.parametrize(
    ("chunk", "size"),
    [
        pytest.param("1", 500_000, id="digits"),
        pytest.param("1.2,3", 500_000, id="digits-dots-commas"),
        pytest.param("€ ", 500_000, id="euros"),
        pytest.param("RIS ", 500_000, id="ris"),
        pytest.param("2023-", 200_000, id="year-dashes"),
        pytest.param("2023 ", 20_000, id="years"),
        pytest.param("(2023) ", 20_000, id="bracketed-years"),
        pytest.param("12/12/2023 ", 20_000, id="dates"),
        pytest.param("mei  ", 20_000, id="months"),
        pytest.param("de zomer van ", 20_000, id="seasons"),
        pytest.param("Q1 ", 20_000, id="quarters"),
    ],
)
def test_long_repetitive_inputs(chunk: str, size: int) -> None:
    """Pathological inputs finish with valid spans (their linear time is shown in
    benchmarks/bench_extract.py, not asserted here)."""
    text = chunk * (size // len(chunk))
    spans = [(m.start, m.end) for m in find_dates(text, 2023)]
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# --- spaCy component and gold ---------------------------------------------------------
def test_spacy_component(nlp: Language) -> None:
    doc = nlp.make_doc("Begin april is een regionale maatregel van kracht geworden.")
    doc._.ref_year = 2023
    doc = nlp(doc)
    found = [(s.text, s._.value, s._.mod) for s in doc.spans["policytext"] if s.label_ == "DATE"]
    assert found == [("Begin april", "2023-04", "START")]


GOLD = ROOT / "annotations" / "sample.jsonl"
MANIFEST = ROOT / "corpora" / "sample" / "manifest.csv"


@pytest.mark.skipif(not GOLD.is_file(), reason="merged gold not there yet")
def test_gold_sample_dates() -> None:
    """DATE overlap F1 ≥ .93 and value accuracy ≥ .95 on the sample gold."""
    import csv

    from policytext.evaluate import load_gold, match_overlap, values_equal

    years = {
        row["doc_id"]: int(row["year"]) for row in csv.DictReader(MANIFEST.open(encoding="utf-8"))
    }
    n_gold = n_pred = n_pairs = n_values = 0
    for doc in load_gold(GOLD, ROOT / "corpora" / "sample"):
        gold = [m for m in doc.mentions if m.label == "DATE"]
        pred = find_dates(doc.text, doc.meta.get("year") or years.get(doc.doc_id))
        pairs = match_overlap(gold, pred)
        n_gold, n_pred, n_pairs = n_gold + len(gold), n_pred + len(pred), n_pairs + len(pairs)
        n_values += sum(values_equal(g.value, p.value) for g, p in pairs)
    precision, recall = n_pairs / max(n_pred, 1), n_pairs / max(n_gold, 1)
    assert 2 * precision * recall / max(precision + recall, 1e-9) >= 0.93
    assert n_values / max(n_pairs, 1) >= 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "door de auteur op woensdag 27 maart 2019 11:53 gepubliceerd",
            [("27 maart 2019 11:53", "2019-03-27T11:53")],
        ),
        (
            "De vergadering begint 1 mei 2024, 14.30 uur in de raadszaal.",
            [("1 mei 2024, 14.30 uur", "2024-05-01T14:30")],
        ),
        ("Kamerstukken II, vergaderjaar 2018/19, 34 477, nr. 63.", []),
        ("De taken uit de Jeugdwet 2015 en de Wmo 2015 liggen bij gemeenten.", []),
    ],
    ids=["date-time-words", "date-time-uur", "vergaderjaar", "law-names"],
)
def test_held_out_patterns(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(text[m.start : m.end], m.value) for m in find_dates(text, 2020)]
    assert found == expected
