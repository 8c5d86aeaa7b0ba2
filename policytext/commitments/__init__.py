"""Commitments: detect promises in policy documents and track them in later ones (issue 7).

:mod:`.detect` splits passages into sentences and labels them commitment / result / other
(Dutch cues from ``resources/commitments_nl.json`` plus a small classifier trained on
``annotations/commitments.jsonl``); :mod:`.attributes` reads actor, object and anchors;
:mod:`.track` links commitments of an earlier document to passages of later ones and
writes the ``commitments``, ``links`` and ``commitment_status`` datasets.
"""

from __future__ import annotations
