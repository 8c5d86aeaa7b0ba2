"""Round trips between the pipeline, annotation tools and the gold format.

- :func:`export_tasks`: documents → Label Studio JSON tasks or doccano JSONL, with the
  pipeline's mentions (and their normalised values) and passage themes as pre-annotations;
  :func:`labelstudio_config` gives the matching labelling config XML.
- :func:`import_tasks`: an annotation tool's export → gold JSONL (annotation guidelines).
- :func:`to_spacy`: gold JSONL → spaCy ``DocBin`` for ``spacy train`` and
  ``policytext train ner`` (which reads it back with :func:`read_docbin`).
"""

from policytext.annotate.export import export_tasks, labelstudio_config
from policytext.annotate.importer import import_tasks
from policytext.annotate.spacy_data import gold_docbin, read_docbin, to_spacy

__all__ = [
    "export_tasks",
    "gold_docbin",
    "import_tasks",
    "labelstudio_config",
    "read_docbin",
    "to_spacy",
]
