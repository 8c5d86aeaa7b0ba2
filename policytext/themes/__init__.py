"""Theme classification of passages: which regiobeeld themes (or those of another
taxonomy) a passage is about.

- :mod:`~policytext.themes.taxonomy` — the themes as data (``--taxonomy FILE``);
- :mod:`~policytext.themes.features` — text features and the keyword prior;
- :mod:`~policytext.themes.model` — the multi-label classifier (:class:`ThemeModel`);
- :mod:`~policytext.themes.component` — the ``policytext_themes`` spaCy component;
- :mod:`~policytext.themes.train` / :mod:`~policytext.themes.evaluate` — training with a
  model card and document-grouped cross-validation;
- :mod:`~policytext.themes.classify` — label a JSONL file of passages.
"""

from __future__ import annotations

from policytext.themes.model import ModelConfig, ThemeModel
from policytext.themes.taxonomy import Taxonomy, TaxonomyError, Theme, load_taxonomy

__all__ = ["ModelConfig", "Taxonomy", "TaxonomyError", "Theme", "ThemeModel", "load_taxonomy"]
