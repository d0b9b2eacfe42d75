"""CalDAV under network faults: a TCP proxy between the product and a real Radicale drops
requests, drops answers after the server carried the request out, and stalls connections
until the client gives up. Repeated `sync` runs must end exactly where a fault-free run
ends: the same reminders and drafts as the ``.ics`` twin, none written twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrations import secrets
from tests.fakes.http_fault_proxy import FaultyProxy
from tests.fakes.memory_keyring import MemoryKeyring
from tests.fakes.radicale_server import PASSWORD, USER, Radicale
from tests.test_caldav_cli import BEFORE, Twins, ring, server  # noqa: F401  (fixtures)

MOMENTS = (BEFORE, "2026-12-01T16:00:00-05:00", "2026-12-04T12:00:00-05:00")
QUIET = "0 reminders created, 0 moved, 0 removed; 0 drafts created, 0 removed"


@pytest.mark.parametrize("seed", [7])
def test_faults_end_exactly_where_a_clean_run_ends(
    tmp_path: Path,
    server: Radicale,  # noqa: F811
    ring: MemoryKeyring,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    seed: int,
) -> None:
    ring.set_password(secrets.SERVICE_NAME, secrets.keyring_user("caldav", USER), PASSWORD)
    with FaultyProxy(
        server.port,
        probability=0.15,
        faults=("drop", "drop_after", "stall"),
        seed=seed,
    ) as proxy:
        twins = Twins(tmp_path, server, capsys, url=proxy.url, extra="timeout = 1\n")
        failed = 0
        for now in MOMENTS:
            for _attempt in range(40):
                res = twins.run(twins.dav, "sync", "--now", now)
                if res.code == 0 and QUIET in res.out:
                    break
                failed += res.code != 0
                assert res.code in (0, 1), res.err  # a network fault is never "bad input"
            else:
                pytest.fail(f"no quiet sync at {now} in 40 attempts")
            twins.sync(twins.ics, now)
        assert proxy.injected and failed > 0  # the faults happened and were felt
        proxy.probability = 0.0
        final = twins.sync(twins.dav, MOMENTS[-1])
    assert QUIET in final.out
    assert twins.shape(twins.dav_reminders()) == twins.shape(twins.ics_reminders())
    assert twins.drafts(twins.dav) == twins.drafts(twins.ics)
    assert len(twins.drafts(twins.dav)) == len({d[0] for d in twins.drafts(twins.dav)})
