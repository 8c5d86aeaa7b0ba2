"""What a commitment is about: its object phrase and its action (the verb, infinitive).

``We verstevigen de Haagse preventieaanpak op het gebied van gezondheid en stellen
hiervoor per jaar € 6,4 miljoen beschikbaar`` → ``("de Haagse preventieaanpak",
"verstevigen")``; ``Vanuit de Haagse aanpak is ons doel om duurzaam 1.250 ontheemden uit
Oekraïne en 1.500 asielzoekers in den haag op te vangen`` → ``("duurzaam 1.250 ontheemden
uit Oekraïne en 1.500 asielzoekers", "opvangen")``.

With a dependency parse (``nl_core_news_md`` installed) the object is the ``obj`` (or
prepositional ``obl``) of the main verb, without relative clauses and adjunct phrases;
without one, Dutch word-order rules read it from the words after ``we <verb>`` (or
``<verb> we``), the goal frames (``ons doel is om ... te V``) and the modal frame
(``we gaan/willen ... V``). The word lists are data: ``object`` in
``resources/commitments_nl.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from policytext.commitments.detect import cues

# Words with their offsets: euro sign, numbers with . and , inside, words (hyphens and
# apostrophes inside), any other single non-space character.
RE_TOKEN = re.compile(r"€|[0-9][0-9.,]{0,30}[0-9]|[^\W_][\w'’-]{0,80}|[^\w\s]")
PUNCT_CUT = frozenset({";", ":", "(", ")", "?", "!", "."})
# A Dutch infinitive (or plural verb form): lower-case, ends in -en, or a short verb.
RE_INFINITIVE = re.compile(r"^(?:[a-zà-ÿ]\w+en|[a-zà-ÿ]*(?:gaan|staan|doen|zien|slaan))$")
# A past participle: ge-...-d/t, with a particle before ge-, or an unstressed prefix.
RE_PARTICIPLE = re.compile(r"^(?:[a-zà-ÿ]*ge\w{2,}|(?:be|ver|ont|her|er|onder|over)\w{2,})[dt]$")
PASSIVE = frozenset({"wordt", "worden"})
BARE_PRONOUNS = frozenset({"dit", "dat", "het", "hier", "daar", "er", "deze"})
# Pronominal adverbs that stand for the object of a prepositional verb ("hier op ingaan").
AUXILIARIES = frozenset({"heeft", "hebben", "is", "zijn", "gaat", "gaan", "wil", "zal"})
# Conjunctions that open a fronted clause ("Mocht …, dan …") besides the subordinators.
FRONT_SUBORDINATORS = frozenset({"mocht", "indien", "voordat", "nadat", "zodra", "vanwege"})
PRONOMINAL = frozenset({"hier", "daar", "er", "hierop", "daarop", "hierover", "daarover"})
RE_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")


@dataclass(frozen=True, slots=True)
class Tok:
    """A word of the sentence with its lower-cased form and character offsets."""

    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Rules:
    """The word lists of ``object`` in ``commitments_nl.json``, ready to match."""

    actors: frozenset[str]
    modals: frozenset[str]
    goal_frames: tuple[re.Pattern[str], ...]
    skip: frozenset[str]
    time_words: frozenset[str]
    particles: frozenset[str]
    preps: frozenset[str]
    keep_preps: frozenset[str]
    dets: frozenset[str]
    openers: tuple[tuple[str, ...], ...]
    subordinators: frozenset[str]
    coordination_cut: re.Pattern[str]
    max_chars: int
    verb_complements: frozenset[str]
    role_nouns: frozenset[str]
    attached_phrases: tuple[re.Pattern[str], ...]
    fronted_adverbs: frozenset[str]


@cache
def rules() -> Rules:
    """The object-phrase rules, read once from the data file."""
    o = cues()["object"]
    return Rules(
        actors=frozenset(o["actors"]),
        modals=frozenset(o["modal_verbs"]),
        goal_frames=tuple(re.compile(p, re.IGNORECASE) for p in o["goal_frames"]),
        skip=frozenset(o["skip_words"]),
        time_words=frozenset(o["time_words"]),
        particles=frozenset(o["particles"]),
        preps=frozenset(o["prepositions"]),
        keep_preps=frozenset(o["keep_prepositions"]),
        dets=frozenset(o["determiners"]),
        openers=tuple(tuple(w.split()) for w in o["clause_openers"]),
        subordinators=frozenset(o["subordinators"]),
        coordination_cut=re.compile(o["coordination_cut"], re.IGNORECASE),
        max_chars=int(o["max_chars"]),
        verb_complements=frozenset(o["verb_complements"]),
        role_nouns=frozenset(o["role_nouns"]),
        attached_phrases=tuple(re.compile(p) for p in o["attached_phrases"]),
        fronted_adverbs=frozenset(o["fronted_adverbs"]),
    )


def tokens(text: str, offset: int = 0) -> list[Tok]:
    """The words of ``text`` (:data:`RE_TOKEN`), offsets shifted by ``offset``."""
    return [
        Tok(m.group(0), m.group(0).lower(), offset + m.start(), offset + m.end())
        for m in RE_TOKEN.finditer(text)
    ]


def _span(text: str, toks: list[Tok]) -> str:
    if not toks:
        return ""
    phrase = text[toks[0].start : toks[-1].end].strip(" ,;:")
    limit = rules().max_chars
    if len(phrase) > limit:
        phrase = phrase[:limit].rsplit(" ", 1)[0]
    return phrase


def _opens_clause(toks: list[Tok], i: int) -> bool:
    """A clause opener ("om", "waarbij", "in samenwerking", ...) starts at ``toks[i]``."""
    return any(tuple(t.low for t in toks[i : i + len(w)]) == w for w in rules().openers)


def _clause(toks: list[Tok]) -> list[Tok]:
    """Tokens up to the end of the first clause: strong punctuation, or a comma that opens
    a new clause (an opener follows, or a long stretch that is no list item)."""
    r = rules()
    out: list[Tok] = []
    for i, t in enumerate(toks):
        if t.low in PUNCT_CUT:
            break
        if t.low == ",":
            nxt = toks[i + 1 : i + 8]
            seg = []
            for u in nxt:
                if u.low in {",", ";", ":", "."}:
                    break
                seg.append(u)
            if not nxt or _opens_clause(toks, i + 1) or len(seg) > 6:
                break
            if seg and seg[0].low in r.preps:
                break
        out.append(t)
    return out


def _cut_coordination(text: str, toks: list[Tok]) -> list[Tok]:
    """Stop before "en <verb> hiervoor ..." (a second clause with the same subject)."""
    if not toks:
        return toks
    base = toks[0].start
    for m in rules().coordination_cut.finditer(text, base, toks[-1].end):
        # The word after "en" must be a verb ("en stellen hiervoor"), not a plural noun
        # ("overheden en gezondheidsautoriteiten op …").
        word = re.match(r"\s*(?:en|maar)\s+(\w+)", text[m.start() :], re.IGNORECASE)
        if word and looks_like_verb(word.group(1).lower()):
            return [t for t in toks if t.end <= m.start()]
    return toks


def _strip_front(toks: list[Tok]) -> tuple[list[Tok], str]:
    """Drop leading adverbs, a particle before a preposition (``in op``, ``door met``)
    and the preposition of a prepositional object; returns the particle found."""
    r = rules()
    particle = ""
    i = 0
    while i < len(toks):
        low = toks[i].low
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if low in r.particles and (nxt in r.preps or nxt in r.particles) and not particle:
            particle = low
        elif low != "," and not (
            low in r.skip
            and (low not in r.dets or not nxt or nxt in r.preps | r.skip | r.particles)
        ):
            break
        i += 1
    toks = toks[i:]
    # A leading adjunct phrase ("met de stad") followed by the object ("deze verschillen").
    if len(toks) > 1 and toks[0].low in r.preps:
        rest = toks[1:]
        later_det = next(
            (k for k, t in enumerate(rest) if k > 0 and (t.low in r.dets or t.low[0].isdigit())),
            None,
        )
        if later_det == 1 and rest[1].low[0].isdigit() and len(rest) > 2:
            later_det = 2  # "in hoofdstuk 6 aanvullende adviezen": the number is the adjunct's
        head_is_adjunct = (
            later_det is not None
            and all(
                u.low not in r.preps
                and u.low not in r.keep_preps
                and u.low not in r.subordinators
                and u.low != ","  # "op bestaanszekerheid, een goede start": a list
                for u in rest[:later_det]
            )
        )
        toks = rest[later_det:] if head_is_adjunct else rest
    return toks, particle


def _trim_np(toks: list[Tok]) -> list[Tok]:
    """The noun phrase: up to a preposition that attaches an adjunct (not van/als/voor),
    a relative pronoun or subordinator, or a particle at the end of the clause."""
    r = rules()
    out: list[Tok] = []
    skip_to = 0
    for i, t in enumerate(toks):
        if i < skip_to:
            out.append(t)
            continue
        if i > 0 and (n := _attached(toks, i)):
            skip_to = i + n
            out.append(t)
            continue
        if skip_to and t.low in r.preps | r.keep_preps:
            break  # after "in de stad" a further phrase is an adjunct ("als één bedrag")
        if t.low in r.keep_preps:
            out.append(t)
            continue
        if i > 0 and (
            t.low in r.preps
            or (t.low in r.subordinators and t.low not in r.dets)
            or _opens_clause(toks, i)
        ):
            break
        out.append(t)
    if toks and toks[0].low in PRONOMINAL:
        return []  # "zal hier later op terugkomen", "gaan we er nader op in": no object
    if len(toks) > 1 and toks[0].low == "dat" and toks[1].low == "wat":
        return toks
    if len(out) > 1 and out[0].low in {"dat", "of"}:
        # An object clause: "faciliteren we dat hulpverleners ... samenwerken" → its
        # content; "dat wat nodig is" is a pronoun with its relative clause.
        return toks if toks[1].low == "wat" else toks[1:]
    if len(out) == 1 and out[0].low in BARE_PRONOUNS:
        return []  # "Dit wordt uitgewerkt": nothing named to act on
    return out


def _attached(toks: list[Tok], i: int) -> int:
    """How many words from ``toks[i]`` form a phrase that stays with the object
    (``attached_phrases``: ``in de stad``, ``op het gebied van gezondheid``); 0 if none."""
    words = " ".join(t.low for t in toks[i : i + 12])
    best = 0
    for pattern in rules().attached_phrases:
        m = pattern.match(words)
        if m and (m.end() == len(words) or words[m.end()] == " "):
            best = max(best, len(words[: m.end()].split()))
    return best


def _is_infinitive(toks: list[Tok], i: int) -> bool:
    """``toks[i]`` looks like an infinitive: -en, lower-case, not right after a
    determiner or preposition (then it is a plural noun: ``naar mogelijkheden``)."""
    r = rules()
    low = toks[i].low
    if not RE_INFINITIVE.match(toks[i].text) or low in r.preps | r.dets | r.skip | r.particles:
        return False
    prev = toks[i - 1].low if i > 0 else ""
    if prev in r.particles and i == len(toks) - 1 and looks_like_verb(low):
        return True  # "zal hier later op terugkomen": a particle-like word before the verb
    return prev not in r.dets and prev not in r.preps and prev not in r.keep_preps


def _final_verb(toks: list[Tok]) -> tuple[list[Tok], str]:
    """Split the infinitive off (with ``te`` and a particle before it): ``... op te
    vangen`` → ``opvangen``; a phrase after it (``plaatsvinden tussen partijen``) goes."""
    r = rules()
    if len(toks) > 1 and toks[1].low in r.preps and _is_infinitive(toks, 0):
        return toks[1:], toks[0].low  # "blijven zoeken naar mogelijkheden"
    k = next((i for i in range(len(toks) - 1, -1, -1) if _is_infinitive(toks, i)), None)
    if k is None:
        return toks, ""
    verb = toks[k].low
    if k > 0 and toks[k - 1].low == "te":
        k -= 1
    if k > 0 and toks[k - 1].low in r.particles and not verb.startswith(tuple(r.particles)):
        verb = toks[k - 1].low + verb  # not "op terugkomen": the verb has its particle
        k -= 1
    return toks[:k], verb


def _first_conjunct(toks: list[Tok]) -> list[Tok]:
    """``straatintimidatie tegengaan en de weerbaarheid ... verhogen``: the first of two
    coordinated verb phrases."""
    dets = rules().dets
    for i, t in enumerate(toks):
        # "tegengaan en de weerbaarheid": a verb phrase follows; not "overheden en
        # gezondheidsautoriteiten" (plural nouns look like infinitives).
        if t.low == "en" and i > 1 and _is_infinitive(toks, i - 1):
            rest = toks[i + 1 :]
            # "op te starten en af te ronden": two te-infinitives, the first is the action
            te_pair = toks[i - 2].low == "te" and any(u.low == "te" for u in rest[:2])
            if te_pair:
                return toks[:i]
            if not rest or rest[0].low not in dets:
                continue
            if rest and _is_infinitive(rest, len(rest) - 1):
                return toks[:i]
    return toks


def _cut_openers(toks: list[Tok]) -> list[Tok]:
    """Up to a subordinate clause (``om ... te``, ``zodat``, ``waarbij``); ``dat``/``die``
    stay (they are determiners too) for :func:`_trim_np` to judge."""
    r = rules()
    for i in range(1, len(toks)):
        low = toks[i].low
        if low in r.dets or low in r.keep_preps:
            continue
        if low in r.subordinators or _opens_clause(toks, i):
            return toks[:i]
    return toks


def _particle_after(np: list[Tok], rest: list[Tok]) -> str:
    """The separable particle right after the object phrase, at the end of the clause or
    before a new phrase: ``stellen we een akkoord op``, ``brengen focus aan door ...``."""
    r = rules()
    if len(np) < len(rest):
        t = rest[len(np)]
        nxt = rest[len(np) + 1].low if len(np) + 1 < len(rest) else ""
        if t.low in r.particles and (not nxt or nxt in r.preps or nxt in r.subordinators):
            return t.low
    return ""


def _finite(toks: list[Tok]) -> tuple[int, int] | None:
    """``(index of the finite verb, index of the actor)`` in the main clause, or None."""
    r = rules()
    for i, t in enumerate(toks):
        if t.low not in r.actors:
            continue
        prev = toks[i - 1].low if i > 0 else ""
        if prev in r.subordinators:
            continue  # "waarin we ...", "dat we ...": a subordinate clause
        if i == 0 or prev in {"en", "maar", "want", ",", "dus"} or not prev[0].isalpha():
            if i + 1 < len(toks) and toks[i + 1].low[0].isalpha():
                return i + 1, i
            continue
        return i - 1, i
    return None


def _is_np(toks: list[Tok]) -> bool:
    """A fronted phrase that can be the object: not an adverbial (``In 2023``, ``Waar
    nodig``, ``Dit jaar``, ``Eind 2024``) nor a subordinate clause."""
    r = rules()
    if not toks or toks[0].low in r.preps | r.skip | r.subordinators:
        return False
    return not any(t.low in r.time_words or RE_YEAR.match(t.low) for t in toks)


@cache
def looks_like_verb(word: str) -> bool:
    """A word in -en that is a verb form, not a plural noun: its lemma is itself or
    leads back to it (``stellen`` → ``stel`` → ``stellen``), where a plural's lemma is
    its singular (``overheden`` → ``overheid``)."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang="nl").replace("_", "")
    return lemma == word or simplemma.lemmatize(lemma, lang="nl").replace("_", "") == word


def infinitive(word: str) -> str:
    """The infinitive of a Dutch verb form (``gesteld`` → ``stellen``, ``vastgesteld`` →
    ``vaststellen``), from simplemma's Dutch lemma data; the word itself if unknown."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang="nl").replace("_", "")
    if lemma == word and word.startswith("ge") and word.endswith(("d", "t")):
        # A participle simplemma does not list: "gemonitord" → "monitoren".
        candidate = word[2:-1] + "en"
        if simplemma.is_known(candidate, lang="nl"):
            return candidate
    if lemma == word:
        # A separable verb's participle: "uitgewerkt" → uit + "gewerkt" → "uitwerken".
        for particle in sorted(rules().particles, key=len, reverse=True):
            rest = word[len(particle) :]
            if word.startswith(particle) and rest.startswith("ge") and len(rest) > 4:
                inner = simplemma.lemmatize(rest, lang="nl").replace("_", "")
                if inner != rest:
                    return particle + inner
    return lemma


def _is_participle(word: str) -> bool:
    """Participle-shaped: ``gesteld``, ``versterkt``, and a separable verb's strong
    participle (``meegenomen``, ``opgevangen``)."""
    if RE_PARTICIPLE.match(word):
        return True
    low = word.lower()
    return low.endswith("en") and any(
        low.startswith(p + "ge") and len(low) > len(p) + 5 for p in rules().particles
    )


def _participle(clause: list[Tok]) -> Tok | None:
    """The participle of a passive clause: right after the auxiliary (``Er wordt
    ingezet op …``, adverbs skipped) or, as Dutch mostly puts it, last; a
    participle-shaped word right after a determiner is a noun (``het beleid``)."""
    r = rules()
    shaped = [
        (i, t)
        for i, t in enumerate(clause)
        if _is_participle(t.text) and not (i > 0 and clause[i - 1].low in r.dets)
    ]
    if not shaped:
        return None
    first = next((i for i, t in enumerate(clause) if t.low not in r.skip), None)
    nxt = clause[shaped[0][0] + 1].low if shaped[0][0] + 1 < len(clause) else ""
    if first is not None and shaped[0][0] == first and nxt in r.preps:
        return shaped[0][1]
    return shaped[-1][1]


def _modal_passive(clause: list[Tok]) -> Tok | None:
    """The participle of a passive after a modal (``zal … worden gemaakt``), else None."""
    if not any(t.low in PASSIVE for t in clause):
        return None
    return _participle([t for t in clause if t.low not in PASSIVE])


def _passive_action(clause: list[Tok], part: Tok | None) -> str:
    """The infinitive of a passive's participle, with a predicative word that belongs to
    the verb (``beschikbaar gesteld`` → ``beschikbaar stellen``)."""
    if part is None:
        return ""
    verb = infinitive(part.low)
    i = clause.index(part)
    if i > 0 and clause[i - 1].low in rules().verb_complements:
        return f"{clause[i - 1].low} {verb}"
    return verb


def nominal_verb(word: str) -> str:
    """The verb a nominalisation stands for: ``Continuering`` → ``continueren``,
    ``Versterking`` → ``versterken``, ``Faciliterende`` → ``faciliteren``, ``creëren``
    (a nominal infinitive) itself; ``""`` when it is no known Dutch verb."""
    import simplemma

    low = word.lower()
    if low.endswith("ing"):
        candidate = low[:-3] + "en"
    elif low.endswith("ende"):
        candidate = low[:-2]
    elif low.endswith("en"):
        candidate = low
    else:
        return ""
    return candidate if simplemma.is_known(candidate, lang="nl") else ""


def _nominal(text: str, toks: list[Tok]) -> tuple[str, str] | None:
    """A commitment in noun form (a list item): ``Continuering van structureel overleg
    …``, ``Het creëren van een ‘sneeuwbaleffect’ door …``, ``Faciliterende rol in de
    planvorming …`` → (the phrase after the preposition, the verb)."""
    r = rules()
    i = 1 if toks and toks[0].low in {"het", "de"} else 0
    if i >= len(toks) or not toks[i].text[:1].isalpha():
        return None
    word = toks[i].low
    if word.endswith("en") and not word.endswith("ende") and i == 0:
        return None  # a bare plural or verb: only "Het <infinitive> van"
    verb = nominal_verb(word)
    j = i + 1
    if word.endswith("ende") and j < len(toks) and toks[j].low in r.role_nouns:
        j += 1  # "Faciliterende rol in"
    if not verb or j >= len(toks) or toks[j].low not in r.preps | r.keep_preps:
        return None
    phrase = _cut_openers(_clause(toks[j + 1 :]))
    return _span(text, phrase), verb


def _goal(text: str, start: int) -> tuple[str, str]:
    """Object and verb of the clause after a goal frame (``ons doel is om …``): ``het
    verkleinen van gezondheidsverschillen en …`` → the noun after ``van`` and the
    nominal infinitive; else the infinitive that ends the clause, its object before it
    (or after it: ``door in te zetten op multifunctionele locaties``)."""
    rest = tokens(text[start:], start)
    clause = _cut_openers(_cut_coordination(text, _clause(rest)))
    if len(clause) > 2 and clause[0].low == "het" and (verb := nominal_verb(clause[1].low)):
        van = next((k for k, t in enumerate(clause) if t.low == "van"), None)
        if van is not None:
            np = []
            for t in clause[van + 1 :]:
                if t.low in {"en", ","}:
                    break
                np.append(t)
            return _span(text, np), verb
    clause = _first_conjunct(clause)
    body, verb = _final_verb(clause)
    body, _ = _strip_front(body)
    np = _trim_np(body)
    if not np and verb:
        np = _object_after_verb(clause, len(body))
    return _span(text, np), verb


def _object_after_verb(clause: list[Tok], skip: int) -> list[Tok]:
    """The object after a clause's infinitive (``door in te zetten op multifunctionele
    locaties``, ``zal hier kort ingaan op de situatie``): the phrase after it without its
    preposition; the search starts ``skip`` tokens in."""
    after = clause[skip:]
    k = next((i for i, t in enumerate(after) if _is_infinitive(after, i)), None)
    if k is None:
        return []
    tail, _ = _strip_front(after[k + 1 :])
    return _trim_np(tail)


def rule_what(text: str) -> tuple[str, str]:
    """``(object phrase, action)`` of a commitment sentence from Dutch word order."""
    r = rules()
    for frame in r.goal_frames:
        m = frame.search(text)
        if m:
            return _goal(text, m.end())
    toks = tokens(text)
    found = _finite(toks)
    subject: list[Tok] | None = None
    if found is None and (framed := _subject_frame(toks)) is not None:
        # "De AP geeft … adviezen", "Vervolgens beoordeelt de AP …": another actor.
        v, subject, rest = framed
        toks = toks[: v + 1] + rest
        found = (v, v)
    if found is None and (nominal := _nominal(text, toks)) is not None:
        return nominal
    if found is None:
        # No "we": a modal or passive auxiliary ("Nieuwe samenwerkingsverbanden zullen ...
        # versterken", "Waar nodig worden ... beschikbaar gesteld").
        aux = next((i for i, t in enumerate(toks) if t.low in r.modals and i > 0), None)
        if aux is None:
            np, _ = _strip_front(_clause(toks))
            return _span(text, _trim_np(np)), ""
        found = (aux, aux)
    v, a = found
    finite = toks[v].low
    after = toks[max(v, a) + 1 :]
    if after and after[0].low == ",":
        # "gaan we, in samenwerking met X, door met ...": skip the inserted phrase.
        nxt = next((k for k in range(1, len(after)) if after[k].low == ","), None)
        after = after[nxt + 1 :] if nxt is not None else after[1:]
    fronted = toks[: min(v, a)] if subject is None else subject
    clause = _cut_coordination(text, _clause(after))
    if finite in PASSIVE:
        part = _participle(clause)
        action = _passive_action(clause, part)
        verb_words = {id(part)}
        if part is not None and " " in action:
            verb_words.add(id(clause[clause.index(part) - 1]))  # "beschikbaar"
        body = [t for t in _cut_openers(clause) if id(t) not in verb_words]
        if _is_np(fronted):
            return _span(text, _trim_np(fronted)), action
        body, _ = _strip_front(body)
        return _span(text, _trim_np(body)), action
    if finite in r.modals and (part := _modal_passive(clause)) is not None:
        # "zal een nieuwe inschatting worden gemaakt", "zullen ook gebruikt worden"
        action = _passive_action(clause, part)
        body = [t for t in _cut_openers(clause) if t is not part and t.low not in PASSIVE]
        if _is_np(fronted):
            return _span(text, _trim_np(fronted)), action
        body, _ = _strip_front(body)
        return _span(text, _trim_np(body)), action
    if finite in r.modals:
        conjunct = _first_conjunct(_cut_openers(clause))
        body, verb = _final_verb(conjunct)
        body, particle = _strip_front(body)
        np = _trim_np(body)
        if not np and verb:
            np = _object_after_verb(conjunct, len(body))  # "zal hier kort ingaan op X"
        if not np and subject is None and _is_np(fronted):
            np = _trim_np(fronted)  # "De sociale verbanden ... willen we ... ondersteunen"
        return _span(text, np), verb or f"{particle}{finite}"
    body, particle = _strip_front(clause)
    np = _trim_np(body)
    particle = particle or _particle_after(np, body)
    verb = finite if subject is None else infinitive(finite)
    return _span(text, np), f"{particle}{verb}"


def is_finite_verb(word: str) -> bool:
    """A present-tense verb form: the stem of a verb or stem + t (``geeft``,
    ``beoordeelt``, ``maakt``), read from simplemma's lemma; or an auxiliary."""
    from policytext.commitments.detect import _stems

    low = word.lower()
    if low in rules().modals or low in PASSIVE or low in AUXILIARIES:
        return True
    lemma = infinitive(low)
    if lemma == low or not lemma.endswith("en") or len(lemma) < 4:
        return False
    stems = _stems(lemma)
    return low in stems or low in {s + "t" for s in stems}


def _subject_phrase(toks: list[Tok]) -> int:
    """How many tokens a subject after an inverted verb takes: a determiner with its
    words up to the next determiner or preposition (``de gemeente Uden``), or a run of
    capitalised names (``Apple en Google``)."""
    r = rules()
    if not toks:
        return 0
    if toks[0].low in r.dets:
        n = 1
        while n < len(toks) and n < 4:
            t = toks[n]
            if t.low in r.dets | r.preps | r.skip | r.particles or not t.text[:1].isalpha():
                break
            n += 1
        return n
    n = 0
    while n < len(toks) and (toks[n].text[:1].isupper() or (n > 0 and toks[n].low == "en")):
        n += 1
    return n if n and toks[n - 1].low != "en" else 0


def _subject_frame(toks: list[Tok]) -> tuple[int, list[Tok], list[Tok]] | None:
    """``(index of the finite verb, subject, the rest after verb and subject)`` of a main
    clause whose actor is not "we"; a fronted subordinate clause (``Als …, zal …``) is
    skipped. None when no finite verb is found."""
    r = rules()
    start = 0
    if toks and toks[0].low in r.subordinators | FRONT_SUBORDINATORS:
        comma = next((k for k, t in enumerate(toks) if t.low in {",", "dan"}), None)
        if comma is None:
            return None
        start = comma + 1
    for i in range(max(start, 1), min(len(toks), start + 9)):
        t = toks[i]
        if t.low in PUNCT_CUT or t.low in r.subordinators:
            return None
        if not t.text[:1].islower() or not is_finite_verb(t.text):
            continue
        if toks[i - 1].low in r.dets | r.preps | r.keep_preps:
            continue  # "de app": a noun
        if t.low in PASSIVE:
            return None  # a passive: the auxiliary rules read its subject as the object
        pre = toks[start:i]
        adverb = len(pre) == 1 and pre[0].low in r.skip | r.fronted_adverbs
        starts_np = bool(pre) and (pre[0].low in r.dets or pre[0].text[:1].isupper())
        if starts_np and not adverb and _is_np(pre):
            return i, pre, toks[i + 1 :]
        n = _subject_phrase(toks[i + 1 :])
        if n:
            return i, toks[i + 1 : i + 1 + n], toks[i + 1 + n :]
        return None
    return None


# Dependency labels (Universal Dependencies, as nl_core_news_md gives them).
CLAUSAL = frozenset({"xcomp", "ccomp", "csubj", "acl", "advcl"})
DROP = frozenset({"acl", "acl:relcl", "advcl", "parataxis", "punct", "appos", "dep", "mark"})


def _main_verb(sent: Any) -> Any:
    verb = sent.root
    for _ in range(3):
        if verb.pos_ in {"VERB"} and verb.lemma_.lower() not in rules().modals:
            break
        nxt = [c for c in verb.children if c.dep_ in CLAUSAL and c.pos_ in {"VERB", "AUX"}]
        if not nxt:
            break
        verb = nxt[0]
    return verb


def _object_token(verb: Any) -> Any:
    children = list(verb.children)
    for dep in ("obj", "nsubj:pass"):
        hit = [c for c in children if c.dep_ == dep]
        if hit:
            return hit[0]
    obl = [c for c in children if c.dep_ == "obl" and c.i > verb.i]
    if obl:
        return obl[0]
    obl = [c for c in children if c.dep_ == "obl"]
    return obl[-1] if obl else None


def _phrase_tokens(head: Any) -> list[Any]:
    r = rules()
    dropped: set[int] = set()
    for c in head.children:
        cut = c.dep_ in DROP or (
            c.dep_ == "nmod"
            and any(
                g.dep_ == "case" and g.lower_ in r.preps and g.lower_ not in r.keep_preps
                for g in c.children
            )
        )
        if cut:
            dropped.update(t.i for t in c.subtree)
    kept = [t for t in head.subtree if t.i not in dropped]
    while kept and (kept[0].dep_ == "case" or kept[0].is_punct):
        kept = kept[1:]
    while kept and kept[-1].is_punct:
        kept = kept[:-1]
    # One contiguous stretch around the head.
    if kept:
        idx = [t.i for t in kept]
        h = idx.index(head.i) if head.i in idx else 0
        lo = hi = h
        while lo > 0 and idx[lo - 1] == idx[lo] - 1:
            lo -= 1
        while hi + 1 < len(idx) and idx[hi + 1] == idx[hi] + 1:
            hi += 1
        kept = kept[lo : hi + 1]
    return kept


def parse_what(sent: Any) -> tuple[str, str] | None:
    """``(object phrase, action)`` from a dependency-parsed sentence (a spaCy ``Span`` or
    ``Doc``), or None when the parse gives no object."""
    verb = _main_verb(sent)
    obj = _object_token(verb)
    if obj is None:
        return None
    toks = _phrase_tokens(obj)
    if not toks:
        return None
    prt = "".join(c.lower_ for c in verb.children if c.dep_ == "compound:prt")
    doc = sent.doc
    phrase = doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
    limit = rules().max_chars
    if len(phrase) > limit:
        phrase = phrase[:limit].rsplit(" ", 1)[0]
    return phrase, f"{prt}{verb.lemma_.lower() or verb.lower_}"


def what(text: str, parsed: Any = None) -> tuple[str, str]:
    """Object phrase and action: from the parse (a ``Doc`` or ``Span`` of the sentence)
    when there is one, else from the rules."""
    from spacy.tokens import Span

    if parsed is not None:
        span = parsed if isinstance(parsed, Span) else parsed[:]
        if len(span) and span.doc.has_annotation("DEP"):
            found = parse_what(span)
            if found is not None:
                return found
    return rule_what(text)
