"""Load the spaCy pipeline: ``nl_core_news_md`` when installed, else a blank Dutch one.

Either way the project's own components are added on top, so every feature works
without the statistical model; the model only adds better sentences and lemmas.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

import spacy
from spacy.language import Language

import policytext.extract.components  # registers the factories
import policytext.extract.orgs  # noqa: F401  (registers policytext_orgs)
from policytext import __version__

PREFERRED_MODEL = "nl_core_news_md"
EXTRACTORS: tuple[str, ...] = (
    "policytext_ris",
    "policytext_amounts",
    "policytext_percents",
    "policytext_dates",
    "policytext_counts",
    "policytext_orgs",
)


def model_available(name: str = PREFERRED_MODEL) -> bool:
    return importlib.util.find_spec(name) is not None


def base_pipeline(model: str | None = None) -> Language:
    """``nl_core_news_md`` (only its fast parts) when installed, else ``spacy.blank("nl")``
    with a rule-based sentencizer. ``model="blank"`` forces the blank pipeline."""
    name = PREFERRED_MODEL if model is None else model
    if name != "blank" and model_available(name):
        nlp = spacy.load(name, exclude=["ner"])
    else:
        nlp = spacy.blank("nl")
        nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


def load_pipeline(
    model: str | None = None,
    *,
    components: tuple[str, ...] = EXTRACTORS,
    gazetteer_paths: Sequence[str] = (),
    ner_path: str | None = None,
) -> Language:
    """The processing pipeline: base pipeline plus the project's components.

    ``gazetteer_paths``: the user's own organisation lists (name, aliases, type);
    ``ner_path``: a trained ORG model (``models/ner``) for extra candidates (slower).
    """
    nlp = base_pipeline(model)
    for name in components:
        if name == "policytext_orgs":
            config = {
                "gazetteer_paths": [str(p) for p in gazetteer_paths],
                "ner_path": ner_path,
                "core_model": PREFERRED_MODEL if ner_path else None,
            }
            nlp.add_pipe(name, config=config)
        else:
            nlp.add_pipe(name)
    nlp.meta["policytext_version"] = __version__
    return nlp


def pipeline_info(nlp: Language) -> dict[str, Any]:
    """What ``policytext info`` shows: which base model and components are in use."""
    base = (
        f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"
        if nlp.meta.get("name") != "pipeline"
        else None
    )
    return {
        "policytext_version": __version__,
        "spacy_version": spacy.__version__,
        "base": base or 'blank "nl" (spacy.blank) + sentencizer',
        "model_installed": model_available(),
        "pipes": list(nlp.pipe_names),
    }
