"""Commitments: detect promises in policy documents and track them in later ones (issue 7).

:mod:`.detect` splits passages into sentences and labels them commitment / result / other
(Dutch cues from ``resources/commitments_nl.json`` plus a small classifier trained on
``annotations/commitments.jsonl``); :mod:`.attributes` reads actor and the pipeline's
mentions in the sentence (amounts, dates, counts, RIS numbers, organisations, with their
normalised values); :mod:`.what` the object phrase and action (dependency parse or Dutch
rules); :mod:`.track` runs the spaCy pipeline and theme model over every document once,
links commitments of an earlier document to passages of later ones and writes the
``commitments``, ``links`` and ``commitment_status`` datasets.
"""

from __future__ import annotations
