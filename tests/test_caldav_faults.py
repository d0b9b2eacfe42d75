"""CalDAV under network faults: a TCP proxy between the product and a real Radicale drops
requests, drops answers after the server carried the request out, and stalls connections
until the client gives up. Repeated `sync` runs must end exactly where a fault-free run
ends: the same reminders and drafts as the ``.ics``/Maildir twin, none written twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.backend_spaces import QUIET, DavSpace, FilesSpace, open_space
from tests.fakes.http_fault_proxy import FaultyProxy

BEFORE = "2026-11-22T09:00:00-05:00"
MOMENTS = (BEFORE, "2026-12-01T16:00:00-05:00", "2026-12-04T12:00:00-05:00")


@pytest.mark.parametrize("seed", [7])
def test_faults_end_exactly_where_a_clean_run_ends(
    tmp_path: Path, request: pytest.FixtureRequest, seed: int
) -> None:
    twin = FilesSpace(tmp_path / "twin", request.getfixturevalue("capsys"))
    with open_space("dav", tmp_path / "dav", request) as space:
        assert isinstance(space, DavSpace)
        with FaultyProxy(
            space.radicale.port,
            probability=0.15,
            faults=("drop", "drop_after", "stall"),
            seed=seed,
        ) as proxy:
            space.write_config(space.dovecot.port, url=proxy.url, timeout=1)
            failed = 0
            for now in MOMENTS:
                for _attempt in range(40):
                    res = space.run("sync", "--now", now)
                    if res.code == 0 and QUIET in res.out:
                        break
                    failed += res.code != 0
                    assert res.code in (0, 1), res.err  # a network fault is never "bad input"
                else:
                    pytest.fail(f"no quiet sync at {now} in 40 attempts")
                twin.sync(now)
            assert proxy.injected and failed > 0  # the faults happened and were felt
            proxy.probability = 0.0
            final = space.sync(MOMENTS[-1])
        assert QUIET in final.out
        # the same as the twin, each once (the readers fail on a key present twice)
        assert sorted(space.reminders().values()) == sorted(twin.reminders().values())
        assert sorted(space.drafts().values()) == sorted(twin.drafts().values()) != []
