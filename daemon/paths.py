"""Where the configured files are, checked before anything is read or written.

Every output must have a place of its own: reminders written into the user's calendar, or
a state store written over it, would damage the one file the user cannot rebuild. Paths are
compared as real paths (symlinks followed), so a link to the calendar is the calendar.

Only kinds and collisions are checked here (a folder where a file belongs, a file where a
folder belongs, a missing templates folder). Whether a place can be written is found out by
writing it (the state store probes on opening), because ``os.access`` says yes to root.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from daemon.settings import Settings


@dataclass(frozen=True)
class PathProblem:
    """One problem with one config key: ``[section] path: what``."""

    section: str
    what: str


@dataclass(frozen=True)
class _Place:
    label: str  # how a message names it: "[source] path", "the config file"
    section: str | None  # whose problem it is when it collides; None: the config itself
    path: Path


def real(path: Path) -> Path:
    """The path with every symlink followed, even when its last part does not exist yet."""
    return Path(os.path.realpath(path))


def problems(settings: Settings) -> list[PathProblem]:
    """Every path problem of the config, in the order of the config's sections."""
    found: list[PathProblem] = []
    files = _files(settings)
    found += _collisions(files)
    found += _inside_maildir(settings, files)
    found += _kinds(settings)
    order = ["source", "reminders", "drafts", "templates", "state"]
    return sorted(found, key=lambda p: order.index(p.section))


def _files(settings: Settings) -> list[_Place]:
    """The single files the config names: what we read, write and keep state in."""
    places = [_Place("the config file", None, settings.config_path)]
    if settings.source.get("type") == "ics" and "path" in settings.source:
        places.append(_Place("[source] path", "source", Path(str(settings.source["path"]))))
    if settings.reminders.get("type") == "ics" and "path" in settings.reminders:
        places.append(
            _Place("[reminders] path", "reminders", Path(str(settings.reminders["path"])))
        )
    places.append(_Place("[state] path", "state", settings.state_path))
    return places


def _maildir(settings: Settings) -> Path | None:
    if settings.drafts.get("type") == "maildir" and "path" in settings.drafts:
        return Path(str(settings.drafts["path"]))
    return None


def _collisions(files: list[_Place]) -> list[PathProblem]:
    """Two keys naming one file: the later one (an output) is the problem."""
    out: list[PathProblem] = []
    for i, later in enumerate(files):
        for earlier in files[:i]:
            if later.section is not None and real(later.path) == real(earlier.path):
                out.append(
                    PathProblem(
                        later.section,
                        f"is the same file as {earlier.label} ({real(earlier.path)}):"
                        " give each its own file",
                    )
                )
                break
    return out


def _inside_maildir(settings: Settings, files: list[_Place]) -> list[PathProblem]:
    """The Maildir's folders belong to the mail client: no other file of ours in there."""
    maildir = _maildir(settings)
    if maildir is None:
        return []
    box = real(maildir)
    out: list[PathProblem] = []
    for place in files:
        where = real(place.path)
        if where == box or box in where.parents:
            out.append(
                PathProblem(
                    "drafts",
                    f"the Maildir {box} holds {place.label} ({where}): give the drafts a"
                    " folder of their own",
                )
            )
    return out


def _kinds(settings: Settings) -> list[PathProblem]:
    out: list[PathProblem] = []
    if settings.reminders.get("type") == "ics" and "path" in settings.reminders:
        out += _file_kind("reminders", Path(str(settings.reminders["path"])), "reminders.ics")
    maildir = _maildir(settings)
    if maildir is not None:
        out += _folder_kind("drafts", maildir, "a Maildir")
    if settings.templates_dir is not None:
        out += _templates_kind(settings.templates_dir)
    out += _file_kind("state", settings.state_path, "state.sqlite3")
    return out


def _file_kind(section: str, path: Path, example: str) -> list[PathProblem]:
    where = real(path)
    if where.is_dir():
        return [PathProblem(section, f"{path} is a folder: name a file in it, such as {example}")]
    return _parent_kind(section, where)


def _folder_kind(section: str, path: Path, what: str) -> list[PathProblem]:
    where = real(path)
    if where.exists() and not where.is_dir():
        return [PathProblem(section, f"{path} is a file, not a folder ({what})")]
    return _parent_kind(section, where)


def _parent_kind(section: str, where: Path) -> list[PathProblem]:
    """The nearest existing parent must be a folder, or nothing can be created under it."""
    for parent in where.parents:
        if parent.exists():
            if parent.is_dir():
                return []
            return [PathProblem(section, f"{parent} is a file, so {where} cannot be made")]
    return []


def _templates_kind(path: Path) -> list[PathProblem]:
    """A templates folder the user named but that is not there is a mistake to fix, not a
    reason to mail the built-in wording behind the user's back."""
    if not path.exists():
        return [PathProblem("templates", f"no such folder {path}")]
    if not path.is_dir():
        return [PathProblem("templates", f"{path} is not a folder")]
    return []
