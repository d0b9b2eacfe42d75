"""Holiday tables kept in the state store, so short commands never import ``holidays``.

Importing the library loads every country it knows (about 0.15 s on a 2-core machine,
more than all the rest of ``plan``); the tables it computes only change with the library's
version. ``sync`` saves the tables a cycle used, ``plan`` and the daemon read them back.
"""

from __future__ import annotations

import os
from datetime import date
from importlib.util import find_spec
from typing import Any, Protocol

from daemon import timeline

_NAME = "holidays"


class _Cache(Protocol):
    def cache_get(self, name: str, fingerprint: str) -> Any | None: ...

    def cache_put(self, name: str, fingerprint: str, data: Any) -> None: ...


def library_version() -> str:
    """Which ``holidays`` is installed, without importing it: its files' size and mtime."""
    spec = find_spec("holidays")
    origin = spec.origin if spec is not None else None
    if not origin:
        return "missing"
    version_file = os.path.join(os.path.dirname(origin), "version.py")
    try:
        st = os.stat(version_file)
    except OSError:
        return "unknown"
    return f"{st.st_size}:{st.st_mtime_ns}"


def load(store: _Cache) -> None:
    """Give the planner the tables a previous cycle saved (a stale cache is ignored)."""
    data = store.cache_get(_NAME, library_version())
    if not isinstance(data, list):
        return
    tables: dict[timeline.HolidayKey, frozenset[date]] = {}
    try:
        for country, region, year, days in data:
            tables[(str(country), region, int(year))] = frozenset(map(date.fromisoformat, days))
    except (TypeError, ValueError):
        return
    timeline.preload_holidays(tables)


def save(store: _Cache) -> None:
    """Keep every table this process knows (call inside a transaction)."""
    tables = timeline.holiday_tables()
    if not tables:
        return
    data = [
        [country, region, year, sorted(d.isoformat() for d in days)]
        for (country, region, year), days in sorted(tables.items(), key=lambda kv: repr(kv[0]))
    ]
    if store.cache_get(_NAME, library_version()) != data:
        store.cache_put(_NAME, library_version(), data)
