"""Commitment detection, attributes, tracking, the track command and the gold scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from spacy.tokens import Doc
from typer.testing import CliRunner

from policytext.commitments.attributes import attributes
from policytext.commitments.cli import track_command
from policytext.commitments.detect import _split, rule_label
from policytext.commitments.evaluate import SAMPLE, evaluate, load_sample
from policytext.commitments.track import (
    COLUMNS,
    NO_REPORT,
    load_documents,
    parse_sentences,
    status_of,
    track,
    track_documents,
)
from policytext.commitments.what import parse_what, rule_what, what
from policytext.dataset import read_jsonl
from policytext.extract.components import mentions_from_doc
from policytext.process import theme_predictions
from policytext.themes.component import load_model

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "annotations" / "commitments.jsonl"

COALITIE = (
    "Preventie\n\n"
    "We verstevigen de Haagse preventieaanpak op het gebied van gezondheid en stellen hiervoor "
    "per jaar € 6,4 miljoen beschikbaar. We starten een pilot met de Wijkbus Noord in 2024.\n"
)
VERSLAG = (
    "Preventie\n\n"
    "De Haagse Preventieaanpak (RIS315963) startte in juli 2023. Er zijn 34 cursussen gegeven.\n\n"
    "Sport\n\nHet aantal sportverenigingen is gestegen.\n"
)


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    (tmp_path / "akkoord.txt").write_text(COALITIE, encoding="utf-8")
    (tmp_path / "verslag.txt").write_text(VERSLAG, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,doc_id,doc_type,place,year\n"
        "akkoord.txt,akkoord,coalitieakkoord,Den Haag,2022\n"
        "verslag.txt,verslag,jaarverslag,Den Haag,2023\n",
        encoding="utf-8",
    )
    return tmp_path


def test_split_keeps_abbreviations() -> None:
    text = "Kinderen van ca. 36 maanden doen mee. Er is een Tweede zin; en nog een."
    parts = [text[s:e] for s, e in _split(text)]
    assert parts[0] == "Kinderen van ca. 36 maanden doen mee."
    assert len(parts) == 2


@pytest.mark.parametrize(
    ("text", "doc_type", "year", "label"),
    [
        (
            "We willen samen met de stad deze verschillen verkleinen.",
            "coalitieakkoord",
            2022,
            "commitment",
        ),
        ("Ons doel is om 1.250 ontheemden op te vangen.", "jaarverslag", 2023, "commitment"),
        (
            "We starten een pilot om spreekuren beter te benutten.",
            "coalitieakkoord",
            2022,
            "commitment",
        ),
        ("Er zijn meer trainingen gegeven dan vorig jaar.", "jaarverslag", 2023, "result"),
        (
            "Ook is er een integrale valpreventie-aanpak gerealiseerd.",
            "jaarverslag",
            2023,
            "result",
        ),
        ("In 2023 hebben we een symposium georganiseerd.", "jaarverslag", 2023, "result"),
        (
            "Vanuit de Haagse aanpak is ons doel om duurzaam 1.250 ontheemden uit Oekraïne en "
            "1.500 asielzoekers in den haag op te vangen.",
            "jaarverslag",
            2023,
            "commitment",
        ),
        ("De gezondheidsverschillen in onze stad zijn groot.", "coalitieakkoord", 2022, "other"),
    ],
)
def test_rule_label(text: str, doc_type: str, year: int, label: str) -> None:
    assert rule_label(text, doc_type, year)[0] == label


def sentence_mentions(nlp, text: str, year: int) -> list:
    doc = nlp.make_doc(text)
    doc._.ref_year = year
    return mentions_from_doc(nlp(doc))


def test_attributes_from_pipeline_mentions(nlp) -> None:
    text = (
        "We verstevigen de Haagse preventieaanpak en stellen hiervoor per jaar "
        "€ 6,4 miljoen beschikbaar tot 2026 (RIS 315963), met 1.250 ontheemden en de GGD."
    )
    a = attributes(text, year=2022, mentions=sentence_mentions(nlp, text, 2022))
    assert a["actor"] == "gemeente (wij)"
    assert a["what"] == "de Haagse preventieaanpak"
    assert a["action"] == "verstevigen"
    assert a["amounts"] == ["€ 6,4 miljoen"]
    assert a["amount_values"] == [pytest.approx(6.4e6)]
    assert a["target_dates"] == ["2026"]
    assert a["ris"] == ["RIS315963"]  # normalised: the space is gone
    assert a["counts"] == ["1250 ontheemden"]
    assert a["organisations"] == ["GGD"]
    assert "Haagse preventieaanpak" in a["programmes"]


def test_attributes_offsets_and_past_dates(nlp) -> None:
    """Mentions outside the sentence are not its own; dates not after the year are no target."""
    before = "In 2021 kostte het € 1 miljoen. "
    text = "In 2022 en in 2024 investeren we € 2 miljoen."
    mentions = sentence_mentions(nlp, before + text, 2022)
    a = attributes(text, start=len(before), year=2022, mentions=mentions)
    assert a["amounts"] == ["€ 2 miljoen"]
    assert a["target_dates"] == ["2024"]


COALITIE_2022 = "denhaag_coalitieakkoord_2022_preventie"
JAARVERSLAG_2023 = "denhaag_jaarverslag_2023_zorg_welzijn"


@pytest.mark.parametrize(
    ("text", "obj", "action"),
    [
        pytest.param(
            "We verstevigen de Haagse preventieaanpak op het gebied van gezondheid en stellen "
            "hiervoor per jaar € 6,4 miljoen beschikbaar.",
            # the phrase that says which preventieaanpak stays (commitments_what.jsonl)
            "de Haagse preventieaanpak op het gebied van gezondheid",
            "verstevigen",
            id="we-verb-object",
        ),
        pytest.param(
            "Vanuit de Haagse aanpak is ons doel om duurzaam 1.250 ontheemden uit Oekraïne en "
            "1.500 asielzoekers in den haag op te vangen.",
            "duurzaam 1.250 ontheemden uit Oekraïne en 1.500 asielzoekers",
            "opvangen",
            id="goal-frame-te-infinitive",
        ),
        pytest.param(
            "We willen samen met de stad deze verschillen verkleinen.",
            "deze verschillen",
            "verkleinen",
            id="modal-adjunct-before-object",
        ),
        pytest.param(
            "In de komende periode richten we ons meer op het voorkómen van problemen, "
            "bijvoorbeeld door het bieden van goede voorlichting.",
            "het voorkómen van problemen",
            "richten",
            id="inverted-reflexive-prepositional",
        ),
        pytest.param(
            "Binnen deze kaders stellen we samen een Uitvoeringsakkoord Preventie op.",
            "een Uitvoeringsakkoord Preventie",
            "opstellen",
            id="separable-particle-at-end",
        ),
        pytest.param(
            "We brengen focus aan door projecten waar mogelijk te bundelen en meer in "
            "samenhang aan te sturen.",
            "focus",
            "aanbrengen",
            id="particle-before-means-clause",
        ),
        pytest.param(
            "Om de vaccinatiegraad te verhogen gaan we, in samenwerking met de Haagse "
            "Vaccinatie Alliantie, door met de uitbreiding van het Rijksvaccinatieprogramma.",
            "de uitbreiding van het Rijksvaccinatieprogramma",
            "doorgaan",
            id="inserted-phrase-and-particle",
        ),
        pytest.param(
            "De sociale verbanden in de stad, wijken en buurten willen we waar nodig ondersteunen.",
            "De sociale verbanden in de stad, wijken en buurten",
            "ondersteunen",
            id="fronted-object",
        ),
        pytest.param(
            "We gaan de sociale basis in de stad versterken, samen met een aantal "
            "laagdrempelige, fysieke inlooppunten.",
            "de sociale basis in de stad",
            "versterken",
            id="modal-infinitive-at-end",
        ),
        pytest.param(
            "En we stoppen met beleid waarvan de effectiviteit beperkt is.",
            "beleid",
            "stoppen",
            id="relative-clause-cut",
        ),
        pytest.param(
            "We investeren in het jonge kind.", "het jonge kind", "investeren", id="pp-object"
        ),
        pytest.param(
            "We starten een pilot om locaties en spreekuren van verschillende "
            "beleidsterreinen in de stad beter te benutten.",
            "een pilot",
            "starten",
            id="purpose-clause-cut",
        ),
        pytest.param(
            "Waar nodig worden verschillende geldstromen binnen de gemeente als één bedrag "
            "beschikbaar gesteld.",
            "verschillende geldstromen binnen de gemeente",
            "beschikbaar stellen",
            id="passive",
        ),
        pytest.param(
            "We blijven zoeken naar mogelijkheden om ondernemers te verleiden hun "
            "onderneming toegankelijk en inclusief te maken.",
            "mogelijkheden",
            "zoeken",
            id="jaarverslag-modal-verb-first",
        ),
        pytest.param(
            "Ook willen we straatintimidatie tegengaan en de weerbaarheid van queerpersonen "
            "verhogen.",
            "straatintimidatie",
            "tegengaan",
            id="jaarverslag-coordinated-verbs",
        ),
        pytest.param(
            "Via de Citydeal Gezonde en Duurzame Voedselomgeving zetten we in op een gezonde "
            "voedselomgeving.",
            "een gezonde voedselomgeving",
            "inzetten",
            id="jaarverslag-inzetten-op",
        ),
    ],
)
def test_rule_what(text: str, obj: str, action: str) -> None:
    assert rule_what(text) == (obj, action)


def ud_doc(nlp, rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A parsed Doc as nl_core_news_md gives it: (word, head, dep, pos, lemma) per token."""
    words, heads, deps, pos, lemmas = (list(x) for x in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_what_from_dependency_parse(nlp) -> None:
    doc = ud_doc(
        nlp,
        [
            ("We", 1, "nsubj", "PRON", "we"),
            ("verstevigen", 1, "ROOT", "VERB", "verstevigen"),
            ("de", 4, "det", "DET", "de"),
            ("Haagse", 4, "amod", "ADJ", "Haags"),
            ("preventieaanpak", 1, "obj", "NOUN", "preventieaanpak"),
            ("op", 7, "case", "ADP", "op"),
            ("het", 7, "det", "DET", "het"),
            ("gebied", 4, "nmod", "NOUN", "gebied"),
            ("van", 9, "case", "ADP", "van"),
            ("gezondheid", 7, "nmod", "NOUN", "gezondheid"),
            (".", 1, "punct", "PUNCT", "."),
        ],
    )
    assert parse_what(doc[:]) == ("de Haagse preventieaanpak", "verstevigen")
    assert what(doc.text, doc) == ("de Haagse preventieaanpak", "verstevigen")


def test_what_from_dependency_parse_goal_and_modal(nlp) -> None:
    goal = ud_doc(
        nlp,
        [
            ("Ons", 1, "nmod:poss", "PRON", "ons"),
            ("doel", 1, "ROOT", "NOUN", "doel"),
            ("is", 1, "cop", "AUX", "zijn"),
            ("om", 9, "mark", "SCONJ", "om"),
            ("duurzaam", 9, "advmod", "ADJ", "duurzaam"),
            ("1.250", 6, "nummod", "NUM", "1.250"),
            ("ontheemden", 9, "obj", "NOUN", "ontheemde"),
            ("op", 9, "compound:prt", "ADP", "op"),
            ("te", 9, "mark", "ADP", "te"),
            ("vangen", 1, "csubj", "VERB", "vangen"),
            (".", 1, "punct", "PUNCT", "."),
        ],
    )
    assert parse_what(goal[:]) == ("1.250 ontheemden", "opvangen")
    modal = ud_doc(
        nlp,
        [
            ("We", 4, "nsubj", "PRON", "we"),
            ("willen", 4, "aux", "AUX", "willen"),
            ("deze", 3, "det", "DET", "deze"),
            ("verschillen", 4, "obj", "NOUN", "verschil"),
            ("verkleinen", 4, "ROOT", "VERB", "verkleinen"),
            (".", 4, "punct", "PUNCT", "."),
        ],
    )
    assert parse_what(modal[:]) == ("deze verschillen", "verkleinen")


def test_what_without_parser_uses_rules(nlp) -> None:
    text = "We investeren in het jonge kind."
    assert what(text, nlp(text)) == rule_what(text) == ("het jonge kind", "investeren")
    assert parse_sentences(nlp, [text]) == [None]  # the blank pipeline has no parser


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("De Haagse Preventieaanpak startte in juli 2023.", "started"),
        ("Het project is van start gegaan.", "started"),
        ("De bouw is afgerond.", "achieved"),
        ("De opening is uitgesteld tot 2025.", "delayed"),
        ("De vaccinatiegraad is wederom gedaald.", "not_achieved"),
        ("De inzet is gecontinueerd.", "ongoing"),
        ("De preventieaanpak richt zich op jonge kinderen.", "mentioned"),
        ("Het online dashboard is ontwikkeld.", "achieved"),
        ("Het nieuwe loket is in maart geopend.", "achieved"),
        ("De regeling is in 2023 voortgezet.", "ongoing"),
        ("Het plan wordt verder uitgewerkt in 2024.", "ongoing"),
        ("De verbouwing is nog niet afgerond.", "ongoing"),
        ("De middelen zijn ingezet binnen de preventieaanpak.", "mentioned"),
        ("Met de nieuwe wet wordt ingezet op gebiedsgericht werken.", "mentioned"),
    ],
)
def test_status_of(text: str, status: str) -> None:
    assert status_of(text) == status


def test_track_pair(pair: Path, tmp_path: Path, nlp) -> None:
    out = tmp_path / "out"
    theme_model = load_model(None, None)
    summary = track([pair], out, ["jsonl", "csv"], nlp=nlp, theme_model=theme_model)
    assert summary["documents"] == 2
    rows = {r["text"][:14]: r for r in read_jsonl(out / "commitments.jsonl")}
    prev = rows["We verstevigen"]
    assert prev["status"] == "started"
    assert prev["what"] == "de Haagse preventieaanpak op het gebied van gezondheid"
    assert prev["amount_values"] == [pytest.approx(6.4e6)]
    assert prev["amounts_not_found"] == ["€ 6,4 miljoen"]
    # themes: those the theme model gives the sentence's passage
    doc = next(d for d in load_documents([pair]) if d.doc_id == prev["doc_id"])
    passage = next(p for p in doc.passages if p.passage_id == prev["passage_id"])
    assert prev["themes"] == list(theme_predictions(theme_model, doc)[0][passage.index])
    assert rows["We starten een"]["status"] == NO_REPORT
    links = read_jsonl(out / "links.jsonl")
    assert [link["status"] for link in links] == ["started"]
    assert "haagse preventieaanpak" in links[0]["shared_anchors"]
    table = read_jsonl(out / "commitment_status.jsonl")
    assert {(r["year"], r["status"]) for r in table} == {(2023, "started"), (2023, NO_REPORT)}
    for name, cols in COLUMNS.items():
        header = (out / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(c.name for c in cols)


def test_value_anchors_link_by_normalised_value(tmp_path: Path, nlp) -> None:
    """RIS number, organisation and amount written differently later still link."""
    earlier = (
        "Zorg\n\nWe stellen per jaar € 6,4 miljoen beschikbaar voor de aanpak met GGD "
        "Haaglanden (RIS 315963).\n"
    )
    later = "Zorg\n\nVoor de aanpak is 6,4 miljoen euro uitgegeven (RIS315963), met de GGD.\n"
    (tmp_path / "a.txt").write_text(earlier, encoding="utf-8")
    (tmp_path / "b.txt").write_text(later, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,doc_id,doc_type,place,year\n"
        "a.txt,a,begroting,Den Haag,2022\n"
        "b.txt,b,jaarverslag,Den Haag,2023\n",
        encoding="utf-8",
    )
    from policytext.commitments.track import load_documents

    data = track_documents(load_documents([tmp_path]), nlp=nlp)
    (row,) = data["commitments"]
    assert row["amounts_not_found"] == []
    (link_row,) = data["links"]
    assert {"RIS315963", "ggd haaglanden", "€6400000"} <= set(link_row["shared_anchors"])


def test_track_command(pair: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("track")(track_command)
    app.command("noop")(lambda: None)
    out = tmp_path / "cli"
    result = CliRunner().invoke(app, ["track", str(pair), "-o", str(out), "--model", "blank"])
    assert result.exit_code == 0, result.output
    assert "1 links" in result.output
    assert (out / "links.jsonl").is_file()
    missing = CliRunner().invoke(app, ["track", str(tmp_path / "nope"), "-o", str(out)])
    assert missing.exit_code == 2


def test_gold_offsets_match_text() -> None:
    gold = read_jsonl(GOLD)
    docs = load_sample(sorted({r["doc_id"] for r in gold if r["kind"] == "sentence"}))
    for r in gold:
        if r["kind"] == "sentence":
            assert docs[r["doc_id"]].text[r["start"] : r["end"]] == r["text"]
        if r["kind"] == "link":
            text = docs[r["target_doc"]].text[r["passage_start"] : r["passage_end"]]
            assert text.startswith(r["passage_text"])


def test_gold_scores_meet_targets() -> None:
    scores = evaluate(GOLD)
    assert scores["sentences_cv_by_document"]["f1_macro"] >= 0.85
    assert scores["links"]["precision"] >= 0.80
    assert scores["links"]["recall"] >= 0.80
    # Status cues were revised after reading the errors on this gold: a regression guard,
    # not an independent figure.
    assert scores["links"]["status_accuracy_on_found"] >= 0.85
    json.dumps(scores)


def test_sample_folder_exists() -> None:
    assert (SAMPLE / "manifest.csv").is_file()


@pytest.mark.parametrize(
    ("text", "obj", "action"),
    [
        # a participle-shaped noun after a determiner is the object, not the verb; the
        # action is the participle's infinitive
        ("Hiervoor wordt beleid ontwikkeld.", "beleid", "ontwikkelen"),
        ("Dit jaar wordt het nieuwe beleid vastgesteld.", "het nieuwe beleid", "vaststellen"),
        (
            "In 2024 wordt het verband tussen beide regelingen onderzocht.",
            "het verband",
            "onderzoeken",
        ),
    ],
)
def test_rule_what_passive(text: str, obj: str, action: str) -> None:
    assert rule_what(text) == (obj, action)


def test_without_gold_the_rules_decide_with_a_warning(monkeypatch, tmp_path) -> None:
    from policytext.commitments import classify

    monkeypatch.setattr(classify, "training_sentences", lambda *a, **k: [])
    classify.default_classifier.cache_clear()
    try:
        with pytest.warns(UserWarning, match="cue rules alone"):
            assert classify.default_classifier(tmp_path / "no-model") is None
    finally:
        classify.default_classifier.cache_clear()


LINKS3 = GOLD.parent / "commitments_links3.jsonl"


def test_third_link_gold_points_at_passages() -> None:
    gold = read_jsonl(LINKS3)
    docs = load_sample(
        sorted({r["target_doc"] for r in gold} | {r["commitment_doc"] for r in gold})
    )
    for r in gold:
        assert (
            docs[r["commitment_doc"]].text[r["commitment_start"] : r["commitment_end"]]
            == (r["commitment_text"])
        )
        if r["kind"] == "link":
            assert r["level"] in {"direct", "related"}
            spans = {(p.start, p.end) for p in docs[r["target_doc"]].passages}
            assert (r["passage_start"], r["passage_end"]) in spans


def test_link_levels_are_scored_apart() -> None:
    """Gold with link levels gets a score for direct links besides the score over all."""
    scores = evaluate(LINKS3)
    assert "sentences" not in scores
    assert scores["links"]["level"] == "all" and scores["links_direct"]["level"] == "direct"
    assert scores["links_direct"]["n_gold"] < scores["links"]["n_gold"]
    assert scores["links"]["n_pred"] == scores["links_direct"]["n_pred"]
    # Every predicted link counted as right against direct links is right against all.
    assert scores["links_direct"]["precision"] <= scores["links"]["precision"]


def test_cli_evaluate_link_only_gold_prints_both_levels() -> None:
    from policytext.cli import app as cli_app

    result = CliRunner().invoke(cli_app, ["evaluate", str(LINKS3)])
    assert result.exit_code == 0, result.output
    assert "links only" in result.output
    assert "links (all): 104 gold" in result.output
    assert "links (direct): 22 gold" in result.output


@pytest.mark.parametrize(
    ("text", "obj", "action"),
    [
        pytest.param(
            "Continuering van structureel overleg met woningcorporaties.",
            "structureel overleg met woningcorporaties",
            "continueren",
            id="nominalisation-ing",
        ),
        pytest.param(
            "Het creëren van een ‘sneeuwbaleffect’ door klein te beginnen met innovaties.",
            "een ‘sneeuwbaleffect’",
            "creëren",
            id="nominal-infinitive",
        ),
        pytest.param(
            "Faciliterende rol in de planvorming van een Gezondheidscentrum 2.0.",
            "de planvorming van een Gezondheidscentrum 2.0",
            "faciliteren",
            id="role-noun",
        ),
        pytest.param("Dit wordt verder uitgewerkt in 2024.", "", "uitwerken", id="bare-pronoun"),
        pytest.param(
            "Er wordt ingezet op ketencoördinatie van kansrijke start en valpreventie.",
            "ketencoördinatie van kansrijke start en valpreventie",
            "inzetten",
            id="participle-before-pp",
        ),
        pytest.param(
            "Ervaringen en resultaten worden meegenomen bij het nieuw op te stellen beleidskader.",
            "Ervaringen en resultaten",
            "meenemen",
            id="separable-strong-participle",
        ),
        pytest.param(
            "Deze heeft als doel het verkleinen van gezondheidsverschillen en verminderen van "
            "instroom in de jeugdhulp.",
            "gezondheidsverschillen",
            "verkleinen",
            id="goal-nominal-infinitive",
        ),
        pytest.param(
            "Dit doen we door in te zetten op multifunctionele locaties, waarbij meerdere "
            "doelgroepen gecombineerd worden.",
            "multifunctionele locaties",
            "inzetten",
            id="means-frame-object-after-verb",
        ),
        pytest.param(
            "Zo faciliteren we ook dat hulpverleners meer gaan samenwerken.",
            "hulpverleners meer gaan samenwerken",
            "faciliteren",
            id="object-clause",
        ),
        pytest.param(
            "We doen dat wat nodig is in specifieke wijken en buurten.",
            "dat wat nodig is in specifieke wijken en buurten",
            "doen",
            id="pronoun-with-relative",
        ),
    ],
)
def test_rule_what_forms(text: str, obj: str, action: str) -> None:
    """Forms found in the sample documents (commitments_what.jsonl, development gold)."""
    assert rule_what(text) == (obj, action)


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("Continuering", "continueren"),
        ("Versterking", "versterken"),
        ("Faciliterende", "faciliteren"),
        ("creëren", "creëren"),
        ("Vervolgbijeenkomst", ""),
        ("planning", "plannen"),
    ],
)
def test_nominal_verb(word: str, verb: str) -> None:
    from policytext.commitments.what import nominal_verb

    assert nominal_verb(word) == verb


def test_enumerated_partners_are_no_anchors() -> None:
    from policytext.commitments.track import anchors

    text = (
        "We werken samen met inwoners, vrijwilligersorganisaties, ziekenhuizen, huisartsen, "
        "zorgverzekeraars en andere maatschappelijke organisaties."
    )
    what, _ = rule_what(text)
    assert "maatschappelijke organisaties" in what
    assert "maatschappelijke organisaties" not in anchors(text, {"what": what})


@pytest.mark.parametrize(
    ("text", "obj", "action"),
    [
        # Actors other than "we", in the forms of advice, monitoring and project reports.
        (
            "Vervolgens beoordeelt de gemeente de effectiviteit van de aanpak.",
            "de effectiviteit van de aanpak",
            "beoordelen",
        ),
        ("De GGD geeft in hoofdstuk 6 aanvullende adviezen.", "aanvullende adviezen", "geven"),
        ("Google gaat de functie aanbieden.", "de functie", "aanbieden"),
        ("Als de pilot slaagt, zal de gemeente de aanpak uitbreiden.", "de aanpak", "uitbreiden"),
        (
            "De werking van de app zal verder worden gemonitord.",
            "De werking van de app",
            "monitoren",
        ),
        ("Het college zal hier later op terugkomen.", "", "terugkomen"),
        (
            "Het college zal kort ingaan op de situatie in de wijk.",
            "de situatie in de wijk",
            "ingaan",
        ),
        ("De minister heeft besloten een toets uit te voeren.", "een toets", "uitvoeren"),
        ("De twee gemeenten zijn voornemens een convenant te sluiten.", "een convenant", "sluiten"),
        (
            "Het doel is om eerst een proces op te starten en af te ronden.",
            "een proces",
            "opstarten",
        ),
    ],
)
def test_rule_what_other_actors(text: str, obj: str, action: str) -> None:
    assert rule_what(text) == (obj, action)


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("stellen", True),
        ("maken", True),
        ("vangen", True),
        ("overheden", False),
        ("maatregelen", False),
        ("gezondheidsautoriteiten", False),
    ],
)
def test_looks_like_verb(word: str, verb: bool) -> None:
    from policytext.commitments.what import looks_like_verb

    assert looks_like_verb(word) is verb
