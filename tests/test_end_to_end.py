"""The product end to end, through the real CLI, once for every backend combination.

Each test gets a workspace for one backend combination (``files``: .ics + Maildir;
``google``: the fake Google through the real client libraries; ``dav``: a real Radicale
and a real Dovecot) and a twin on the ``.ics``/Maildir path, both holding the example
calendar (tests/backend_spaces.py). Both go through the same moments and the same user
actions; both must then show the user the same plan, the same reminders (titles, times) and
the same drafts (recipients, subjects, text), each exactly once. What only one backend does
(Google's batching and request counts, IMAP's ``\\Draft`` flag and sent drafts, CalDAV
discovery, sign-in) stays in that backend's own test file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.backend_spaces import KINDS, QUIET, FilesSpace, Space, open_space

BEFORE = "2026-11-22T09:00:00-05:00"
ACME_DUE = "2026-12-01T16:00:00-05:00"  # the Acme thank-you drafts are due
MOMENTS = (BEFORE, "2026-12-01T15:59:00-05:00", ACME_DUE, "2026-12-04T12:00:00-05:00")
ACME, GLOBEX = "acme-panel-1@example.com", "globex-final@example.com"
NY = ZoneInfo("America/New_York")


@pytest.fixture(params=KINDS)
def space(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Space]:
    with open_space(request.param, tmp_path / request.param, request) as opened:
        yield opened


@pytest.fixture
def twin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> FilesSpace:
    """The same calendar on the .ics/Maildir path: what every backend must match."""
    return FilesSpace(tmp_path / "twin", capsys)


def _same_plan(space: Space, twin: Space, now: str) -> None:
    mine, theirs = space.plan(now), twin.plan(now)
    if not space.lists_early_cancellations:
        theirs["skipped"] = [
            s for s in theirs["skipped"] if s["reason"] != "cancelled" or s in mine["skipped"]
        ]
    assert mine == theirs


def _both(space: Space, twin: Space, now: str) -> str:
    """One sync of each at ``now``; they must report the same work. The backend's report.

    The count of changes noticed is left out of the comparison: Gmail's drafts are read
    only when one is to be made or removed (DraftStore.fingerprint is None), so an edited
    draft is seen, and marked as the user's, in the cycle that would have removed it, yet
    is not counted in that cycle's summary; the plan's states are compared instead."""
    out = space.canonical_ids(space.sync(now).out)
    noticed = re.compile(r"; \d+ changes by you noticed")
    assert noticed.sub("", out) == noticed.sub("", twin.canonical_ids(twin.sync(now).out))
    return out


def _key(space: Space, title_part: str, start: str) -> str:
    """The key of the reminder with ``title_part`` in its title, at that local time."""
    when = datetime.fromisoformat(start).astimezone(ZoneInfo("UTC")).isoformat()
    [key] = [k for k, r in space.reminders().items() if title_part in r.title and r.start == when]
    return key


def test_the_example_gives_the_same_plan_reminders_and_drafts(space: Space, twin: Space) -> None:
    for now in (BEFORE, "2026-12-02T09:00:00-05:00"):
        _same_plan(space, twin, now)
    seen: dict[str, int] = {}
    for now in MOMENTS:
        _both(space, twin, now)
        seen[now] = len(space.drafts())
    # drafts appear at their due time and not before
    assert seen == {BEFORE: 0, MOMENTS[1]: 0, ACME_DUE: 2, MOMENTS[3]: 5}
    assert sorted(space.reminders().values()) == sorted(twin.reminders().values())
    assert len(space.reminders()) == 40
    assert sorted(space.drafts().values()) == sorted(twin.drafts().values())
    acme = sorted(d for d in space.drafts().values() if "acme" in str(d.to))
    assert [d.to for d in acme] == [
        (("Jane Doe", "jane@acme.com"),),
        (("Raj Patel", "raj@acme.com"),),
    ]
    assert {d.subject for d in acme} == {"Thank you for the Senior Developer interview"}

    # nothing is written twice, however often it syncs
    reminders, drafts = space.reminders(), space.drafts()
    for now in (MOMENTS[3], MOMENTS[3], "2026-12-04T12:30:00-05:00"):
        assert QUIET in space.sync(now).out
    assert space.reminders() == reminders and space.drafts() == drafts


def test_a_moved_interview_moves_its_reminders_but_not_what_the_user_edited(
    space: Space, twin: Space
) -> None:
    _both(space, twin, BEFORE)
    for one in (space, twin):
        edited = _key(one, "Globex", "2026-12-07T10:00:00-05:00")  # its LinkedIn reminder
        one.user_retitles_reminder(edited, "my own words")
        one.user_deletes_reminder(_key(one, "Globex", "2026-12-14T10:00:00-05:00"))
        one.move(GLOBEX, datetime(2026, 12, 10, 17, tzinfo=NY), datetime(2026, 12, 10, 19, 30,
                                                                        tzinfo=NY))
    out = _both(space, twin, BEFORE)
    assert "6 moved" in out and "2 changes by you noticed" in out, out
    after = space.reminders()
    assert sorted(after.values()) == sorted(twin.reminders().values())
    globex = sorted(r for r in after.values() if "Globex" in r.title)
    assert len(globex) == 6  # the deleted one stays deleted, the edited one apart
    assert "2026-12-11T14:00:00+00:00" in {r.start for r in globex}  # thank-you: 9:00 NY
    assert [r for r in after.values() if r.title == "my own words"] == [
        next(r for r in twin.reminders().values() if r.title == "my own words")
    ]
    assert QUIET in space.sync(BEFORE).out


def test_a_cancelled_interview_removes_untouched_outputs_and_keeps_edited_ones(
    space: Space, twin: Space
) -> None:
    _both(space, twin, BEFORE)
    _both(space, twin, ACME_DUE)
    for one in (space, twin):
        edited = next(k for k, d in one.drafts().items() if "jane@acme.com" in str(d.to))
        one.user_edits_draft(edited, b"[[", b"our talk about [[")
        one.user_retitles_reminder(_key(one, "Acme", "2026-12-09T10:00:00-05:00"), "call Sam")
        one.cancel(ACME)
    out = _both(space, twin, "2026-12-01T16:30:00-05:00")
    assert "1 removed" in out.split("drafts created")[1], out
    drafts = list(space.drafts().values())
    assert sorted(drafts) == sorted(twin.drafts().values())
    assert [d.to for d in drafts] == [(("Jane Doe", "jane@acme.com"),)]  # the edited one
    assert "our talk about" in drafts[0].body
    acme = sorted((r.start, r.title) for r in space.reminders().values() if "Acme" in r.title
                  or r.title == "call Sam")
    assert acme == sorted((r.start, r.title) for r in twin.reminders().values()
                          if "Acme" in r.title or r.title == "call Sam")
    # prep, debrief and thank-you were due already and stay, as does the one the user
    # retitled; the four other future ones go
    assert len(acme) == 4 and "call Sam" in {t for _, t in acme}
    _same_plan(space, twin, "2026-12-01T16:30:00-05:00")
    assert QUIET in space.sync("2026-12-01T16:30:00-05:00").out
