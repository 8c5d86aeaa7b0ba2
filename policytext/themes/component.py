"""The ``policytext_themes`` spaCy component: theme scores for each passage ``Doc``.

Each ``Doc`` is one passage. The component sets ``doc._.theme_scores`` (theme id →
probability) and ``doc._.themes`` (the ids over their thresholds, in taxonomy order)::

    nlp.add_pipe("policytext_themes", config={"model": "models/themes"})
    doc = nlp("De wachtlijsten in de ggz lopen verder op.")
    doc._.themes        # ['toegankelijkheid_tijdigheid']

Without a ``model`` the component runs the cold-start keyword prior of ``taxonomy``.
It only reads ``doc.text``, so it can sit anywhere in the pipeline; ``pipe`` classifies
a batch at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from policytext.themes.evaluate import score_predictions
from policytext.themes.model import ThemeModel

FACTORY = "policytext_themes"


def register_extensions() -> None:
    """Declare ``Doc._.theme_scores`` and ``Doc._.themes`` (idempotent)."""
    if not Doc.has_extension("theme_scores"):
        Doc.set_extension("theme_scores", default=None)
    if not Doc.has_extension("themes"):
        Doc.set_extension("themes", default=None)


register_extensions()


class ThemeClassifier:
    """Sets theme scores and themes on passage ``Doc`` objects from a :class:`ThemeModel`."""

    def __init__(self, name: str, model: ThemeModel, *, batch_size: int = 256) -> None:
        self.name = name
        self.model = model
        self.batch_size = batch_size

    @property
    def labels(self) -> tuple[str, ...]:
        return self.model.ids

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations([doc])[0]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        it = iter(stream)
        while batch := list(islice(it, size)):
            yield from self.set_annotations(batch)

    def set_annotations(self, docs: list[Doc]) -> list[Doc]:
        proba = self.model.predict_proba([d.text for d in docs])
        for doc, row, themes in zip(docs, proba, self.model.decide(proba), strict=True):
            doc._.theme_scores = {
                t: round(float(v), 4) for t, v in zip(self.model.ids, row, strict=True)
            }
            doc._.themes = themes
        return docs

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """``nlp.evaluate`` scores: gold themes are read from ``reference._.themes``."""
        gold, pred = [], []
        for eg in examples:
            if eg.reference._.themes is None:
                continue
            gold.append(eg.reference._.themes)
            pred.append(eg.predicted._.themes or [])
        s = score_predictions(gold, pred, self.model.ids)
        out: dict[str, Any] = {
            "themes_micro_p": s["micro"]["p"],
            "themes_micro_r": s["micro"]["r"],
            "themes_micro_f": s["micro"]["f"],
            "themes_macro_f": s["macro"]["f"],
            "themes_per_type": {
                t: {"p": v["p"], "r": v["r"], "f": v["f"]} for t, v in s["themes"].items()
            },
        }
        return out

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.model.save(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ThemeClassifier:
        self.model = ThemeModel.load(path)
        return self

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]] | None = None, **_: Any
    ) -> None:
        """Nothing to initialise: the model is trained with ``policytext train themes``."""


def load_model(model: str | None, taxonomy: str | None) -> ThemeModel:
    """The trained model at ``model``, else the cold-start prior of ``taxonomy``."""
    if model:
        loaded = ThemeModel.load(model)
        if taxonomy:
            wanted = ThemeModel.cold_start(taxonomy).ids
            if wanted != loaded.ids:
                raise ValueError(
                    f"{model} was trained for themes {list(loaded.ids)}, "
                    f"not for the taxonomy {taxonomy} ({list(wanted)})"
                )
        return loaded
    return ThemeModel.cold_start(taxonomy)


@Language.factory(
    FACTORY,
    assigns=["doc._.theme_scores", "doc._.themes"],
    default_config={"model": None, "taxonomy": None, "batch_size": 256},
    default_score_weights={"themes_micro_f": 1.0, "themes_macro_f": 0.0},
)
def make_themes(
    nlp: Language, name: str, model: str | None, taxonomy: str | None, batch_size: int
) -> ThemeClassifier:
    """``model``: a directory written by ``policytext train themes``; ``taxonomy``: a
    taxonomy file or built-in name for the cold-start prior when no model is given."""
    return ThemeClassifier(name, load_model(model, taxonomy), batch_size=batch_size)
