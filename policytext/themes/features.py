"""Features of a passage for theme classification.

Three views of the text, stacked side by side:

- word unigrams and bigrams (hashed, TF-IDF weighted), optionally on lemmas from spaCy's
  Dutch lookup table when ``spacy-lookups-data`` is installed (``wachtlijsten`` →
  ``wachtlijst``);
- character 4-grams within words (hashed, TF-IDF weighted), which catch Dutch compounds
  (``jeugdzorgkosten``, ``personeelstekorten``) that no word feature sees;
- the keyword prior: per theme, how many of the taxonomy's keywords occur
  (``wachttijd``, ``Treeknorm``, ...). The same counts drive the cold-start scorer
  when a theme has too few labelled passages to learn from.

The word and character views are vocabulary-free: a :class:`HashingVectorizer` maps each
n-gram to one of ``n_features`` columns by its hash and a :class:`TfidfTransformer`
learns one IDF weight per column. A fitted model therefore holds numbers and hashing
parameters only, never a string from the training passages (some of which come from
documents whose text must not enter the repository). The keyword block is built from
the taxonomy file, which is our own data.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.pipeline import FeatureUnion, Pipeline

from policytext.themes.taxonomy import Taxonomy

# Soft hyphens, PDF "hyphen" stand-ins (U+FFFE, U+FFFF) and a hyphen at a line end
# ("wen-\nselijk") are removed before anything else looks at the text.
RE_SOFT_HYPHEN = re.compile("[\u00ad\ufffe\uffff]")
RE_LINE_HYPHEN = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\r?\n[ \t]*(?=[a-zà-ÿ])")
RE_SPACE = re.compile(r"\s+")
# A word for the word view: letters (with Dutch accents), digits, inner hyphens/apostrophes.
TOKEN_PATTERN = r"(?u)\b\w[\w'’-]*\w\b|\b\w\b"
RE_TOKEN = re.compile(TOKEN_PATTERN)
RE_LETTER = re.compile(r"[^\W\d_]")
# Keywords of at most this many characters must end at a word boundary ("SES" ≠ "sessie");
# longer ones match as prefixes, so "wachtlijst" also finds "wachtlijsten".
SHORT_KEYWORD = 4
# Cold start: a theme's prior probability is hits / (hits + PRIOR_HALF), so two distinct
# keywords (with PRIOR_HALF 1.5) take it over 0.5.
PRIOR_HALF = 1.5
# Hash buckets of the word and character views (2**18 each; collisions among the few
# tens of thousands of n-grams of a corpus this size are rare).
WORD_FEATURES = 2**18
CHAR_FEATURES = 2**18


def normalise(text: str) -> str:
    """Lower-cased text with PDF hyphenation and whitespace runs undone.

    ``"Zorg-\\nkosten  stijgen"`` → ``"zorgkosten stijgen"``.
    """
    text = RE_SOFT_HYPHEN.sub("", text)
    text = RE_LINE_HYPHEN.sub("", text)
    return RE_SPACE.sub(" ", text).strip().lower()


def trie_regex(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, factored by common prefixes so
    the engine does not try every word at every position (longest match first)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression matching any of ``keywords`` at a word start; keywords of at
    most ``SHORT_KEYWORD`` characters must also end at a word boundary."""
    norm = {normalise(k) for k in keywords if k.strip()}
    long = [k for k in norm if len(k) > SHORT_KEYWORD]
    short = [k for k in norm if len(k) <= SHORT_KEYWORD]
    parts = []
    if long:
        parts.append(trie_regex(long))
    if short:
        parts.append(trie_regex(short) + r"\b")
    if not parts:
        return None
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


class KeywordPrior(BaseEstimator, TransformerMixin):
    """Per theme, ``log1p`` of the number of distinct taxonomy keywords in the text.

    All keywords are compiled into one pattern, so a text is scanned once whatever the
    number of themes. :meth:`hits` gives the raw counts and :meth:`prior_proba` the
    cold-start probabilities.
    """

    def __init__(self, keywords: Sequence[Sequence[str]] = ()) -> None:
        self.keywords = keywords

    def fit(self, X: Any = None, y: Any = None) -> KeywordPrior:
        self.themes_of_: dict[str, list[int]] = {}
        for j, kws in enumerate(self.keywords):
            for kw in kws:
                norm = normalise(kw)
                if norm and j not in self.themes_of_.setdefault(norm, []):
                    self.themes_of_[norm].append(j)
        self.pattern_ = keyword_pattern(self.themes_of_)
        return self

    def hits(self, texts: Iterable[str]) -> np.ndarray:
        """Distinct keyword matches per text and theme, as an ``(n, k)`` int array."""
        k = len(self.keywords)
        rows = []
        for text in texts:
            row = [0] * k
            if self.pattern_ is not None:
                for kw in set(self.pattern_.findall(normalise(text))):
                    for j in self.themes_of_.get(" ".join(kw.split()), ()):
                        row[j] += 1
            rows.append(row)
        return np.asarray(rows, dtype=np.int32).reshape(-1, k)

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        return self.block(self.hits(X))

    @staticmethod
    def block(hits: np.ndarray) -> sp.csr_matrix:
        """The feature block for precomputed :meth:`hits`."""
        return sp.csr_matrix(np.log1p(hits.astype(np.float64)))

    def prior_proba(self, texts: Iterable[str], hits: np.ndarray | None = None) -> np.ndarray:
        """Cold-start probabilities: ``hits / (hits + PRIOR_HALF)`` per theme."""
        h = (self.hits(texts) if hits is None else hits).astype(np.float64)
        return h / (h + PRIOR_HALF)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([f"prior_{i}" for i in range(len(self.keywords))], dtype=object)


def transform_with_hits(
    union: FeatureUnion, texts: Sequence[str], hits: np.ndarray
) -> sp.csr_matrix:
    """``union.transform(texts)``, with the keyword block built from known ``hits`` so
    the keywords are not searched twice."""
    weights = union.transformer_weights or {}
    blocks = []
    for name, transformer in union.transformer_list:
        if transformer == "drop":
            continue
        x = (
            KeywordPrior.block(hits)
            if isinstance(transformer, KeywordPrior)
            else transformer.transform(texts)
        )
        w = weights.get(name)
        blocks.append(x * w if w is not None else x)
    return sp.hstack(blocks, format="csr")


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str] | None:
    """spaCy's Dutch lemma lookup table (``spacy-lookups-data``), or None if not installed."""
    try:
        data_dir = resources.files("spacy_lookups_data").joinpath("data")
    except ModuleNotFoundError:
        return None
    table = data_dir.joinpath("nl_lemma_lookup.json.gz")
    if not table.is_file():
        return None
    with table.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def lemmas_available() -> bool:
    return lemma_table() is not None


class Lemmatiser:
    """Maps each word to its lemma from the lookup table (unknown words stay as they are).

    A picklable callable for ``HashingVectorizer(preprocessor=...)``; the table itself is
    not pickled but looked up again on load, so a saved model stays small.
    """

    def __call__(self, text: str) -> str:
        table = lemma_table() or {}
        return " ".join(table.get(w, w) for w in RE_TOKEN.findall(normalise(text)))


class DocumentFrequencyFilter(BaseEstimator, TransformerMixin):
    """Keeps the hash buckets whose document frequency lies in ``[min_df, max_df]``: the
    ``min_df``/``max_df`` of ``TfidfVectorizer`` for hashed counts (an ``int`` is a number
    of passages, a ``float`` a fraction of them).

    Only the kept column numbers (``columns_``) are learned. Dropping the buckets no or
    one training passage fills also keeps the classifiers' weight vectors as short as a
    vocabulary-based model's, so training and prediction stay fast.
    """

    def __init__(self, min_df: int | float = 2, max_df: int | float = 0.9) -> None:
        self.min_df = min_df
        self.max_df = max_df

    def fit(self, X: Any, y: Any = None) -> DocumentFrequencyFilter:
        X = sp.csr_matrix(X)
        X.sum_duplicates()
        n_docs, n_features = X.shape
        df = np.bincount(X.indices[X.data != 0], minlength=n_features)
        low = self.min_df if isinstance(self.min_df, int) else self.min_df * n_docs
        high = self.max_df if isinstance(self.max_df, int) else self.max_df * n_docs
        self.columns_ = np.flatnonzero((df >= low) & (df <= high)).astype(np.int64)
        self.n_features_in_ = n_features
        return self

    def transform(self, X: Any) -> sp.csr_matrix:
        return sp.csr_matrix(X)[:, self.columns_]


def count_words(text: str) -> int:
    """Words with at least one letter: ``"3. Sociale situatie"`` → 2, ``"10/11/2022"`` → 0."""
    return sum(1 for w in RE_TOKEN.findall(text) if RE_LETTER.search(w))


def hashed_tfidf(
    *,
    min_df: int | float = 2,
    max_df: int | float = 0.9,
    sublinear_tf: bool = True,
    **hashing: Any,
) -> Pipeline:
    """Hashed n-gram counts, buckets filtered by document frequency, then (sublinear) TF,
    IDF and L2 norm: the TF-IDF of ``TfidfVectorizer`` without its vocabulary. What is
    learned is numeric: the kept bucket numbers and one IDF weight per kept bucket."""
    return Pipeline(
        [
            (
                "hash",
                HashingVectorizer(alternate_sign=False, norm=None, dtype=np.float32, **hashing),
            ),
            ("df", DocumentFrequencyFilter(min_df=min_df, max_df=max_df)),
            ("tfidf", TfidfTransformer(sublinear_tf=sublinear_tf)),
        ]
    )


def build_features(
    taxonomy: Taxonomy,
    *,
    lemmas: bool | None = None,
    word_ngrams: tuple[int, int] = (1, 2),
    char_ngrams: tuple[int, int] = (4, 4),
    prior_weight: float = 0.5,
    sublinear_tf: bool = True,
    word_features: int = WORD_FEATURES,
    char_features: int = CHAR_FEATURES,
) -> FeatureUnion:
    """The feature extractor: hashed word (or lemma) TF-IDF, hashed char n-gram TF-IDF,
    keyword prior. Nothing in it stores a string of the passages it is fitted on.

    ``lemmas=None`` uses lemmas when ``spacy-lookups-data`` is installed.
    """
    use_lemmas = lemmas_available() if lemmas is None else lemmas and lemmas_available()
    word = hashed_tfidf(
        preprocessor=Lemmatiser() if use_lemmas else normalise,
        token_pattern=TOKEN_PATTERN,
        ngram_range=tuple(word_ngrams),
        n_features=word_features,
        sublinear_tf=sublinear_tf,
    )
    char = hashed_tfidf(
        preprocessor=normalise,
        analyzer="char_wb",
        ngram_range=tuple(char_ngrams),
        n_features=char_features,
        sublinear_tf=sublinear_tf,
    )
    prior = KeywordPrior([list(t.keywords) for t in taxonomy.themes])
    # A prior weight of 0 drops the keyword block (the blend can still use the prior).
    return FeatureUnion(
        [("word", word), ("char", char), ("prior", prior if prior_weight else "drop")],
        transformer_weights={"word": 1.0, "char": 1.0, "prior": prior_weight},
    )
