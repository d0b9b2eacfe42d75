"""The local backends: a ``.ics`` file as source or reminder store, a Maildir for drafts.

Only declarations here; the adapters (and icalendar) are imported when one is made.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from daemon.backends import Backend, Key, Wiring
from daemon.settings import DetectionSettings, Settings

_PATH = Key("path", "path", required=True)


def _writable(path: Path, section: str) -> str:
    from daemon.doctor import writable_dir

    if not writable_dir(path if path.is_dir() else path.parent):
        fix = f"fix the permissions or change [{section}] path"
        raise PermissionError(f"{path}: not writable: {fix}")
    return f"{path} is writable"


class IcsSourceBackend(Backend):
    role = "source"
    type = "ics"
    keys = (_PATH, Key("all_interviews", "bool", default=False))

    def source_ids(self, settings: Settings) -> frozenset[str]:
        """The configured source, never the file's name: an interview is ``ics/<UID>``, so
        renaming or moving the export changes no id and doubles nothing (UIDs are unique
        by RFC 5545, and one file is configured at a time)."""
        return frozenset({"ics"})

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.ics import IcsSource

        return IcsSource(
            Path(str(settings.source["path"])),
            source_id=next(iter(self.source_ids(settings))),
            user_tz=settings.user.timezone,
            keywords=partial(_prefilter_keywords, settings.detection),
            all_interviews=bool(settings.source.get("all_interviews", False)),
        )

    def check(self, settings: Settings) -> str:
        return str(settings.source["path"])


class IcsRemindersBackend(Backend):
    role = "reminders"
    type = "ics"
    keys = (_PATH,)

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.ics_reminders import IcsReminders

        return IcsReminders(Path(str(settings.reminders["path"])))

    def check(self, settings: Settings) -> str:
        return _writable(Path(str(settings.reminders["path"])), "reminders")


class MaildirBackend(Backend):
    role = "drafts"
    type = "maildir"
    keys = (_PATH,)

    def make(self, settings: Settings, wiring: Wiring) -> Any:
        from integrations.maildir import MaildirDrafts

        return MaildirDrafts(Path(str(settings.drafts["path"])), clock=wiring.clock)

    def check(self, settings: Settings) -> str:
        return _writable(Path(str(settings.drafts["path"])), "drafts")


def _prefilter_keywords(detection: DetectionSettings) -> tuple[str, ...]:
    from daemon.detect import prefilter_keywords

    return prefilter_keywords(detection)
