"""``plan --explain``: where each field of a reading came from. Pure.

The answer is a list of ``ExplainRow`` (field, value, source): the reading of the event
(``detect.explain``), then the user's corrections from the debrief reminder. Other parts
(reply classification) add their own rows to the same list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from daemon.corrections import correction_rows
from daemon.detect import ExplainRow, explain
from daemon.model import SourceEvent
from daemon.settings import Settings


def find_event(events: Iterable[SourceEvent], wanted: str) -> SourceEvent | None:
    """The event by full id, UID, or a part of its id that only it has."""
    events = [e for e in events if not e.own_key]
    for event in events:
        if wanted in (event.interview_id, event.uid):
            return event
    hits = [e for e in events if wanted and wanted in e.interview_id]
    return hits[0] if len(hits) == 1 else None


def rows_for(
    event: SourceEvent, settings: Settings, corrections: dict[str, dict[str, str]]
) -> tuple[ExplainRow, ...]:
    rows = explain(event, settings.detection, settings.user)
    return rows + correction_rows(corrections.get(event.interview_id, {}))


def rows_json(rows: Sequence[ExplainRow]) -> list[dict[str, Any]]:
    return [{"field": r.field, "value": r.value, "source": r.source} for r in rows]
