"""TOML -> Settings. Every error is one line naming the file and the key (exit 2).

Hand-written validation rather than a schema library: the schema is small, the messages
must name ``file: [section] key`` exactly, and unknown keys must be errors, which is simpler
to guarantee here than through a generic validator's error format.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import fields
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from daemon.settings import (
    DetectionSettings,
    Settings,
    TimelineSettings,
    UserSettings,
)

APP = "interview-followup"


class ConfigError(Exception):
    """A config that cannot be used; the message is the one line shown to the user."""


_SECTION_KEYS: dict[str, set[str]] = {
    "user": {f.name for f in fields(UserSettings)},
    "source": {"type", "path", "all_interviews", "calendars", "interview_calendars", "name"},
    "reminders": {"type", "path", "calendar"},
    "drafts": {"type", "path"},
    "detection": {f.name for f in fields(DetectionSettings)},
    "timeline": {f.name for f in fields(TimelineSettings)},
    "templates": {"path"},
    "google": {"account", "client_secrets", "api_root", "reply_detection"},
    "daemon": {"poll_minutes"},
    "state": {"path"},
}
_TYPES = {
    "source": ("ics", "google", "caldav"),
    "reminders": ("ics", "google", "caldav"),
    "drafts": ("maildir", "gmail", "imap"),
}


def default_config_path() -> Path:
    """``$INTERVIEW_FOLLOWUP_CONFIG``, then ``$XDG_CONFIG_HOME/interview-followup/config.toml``."""
    env = os.environ.get("INTERVIEW_FOLLOWUP_CONFIG")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(xdg) / APP / "config.toml"


def default_state_path() -> Path:
    """SQLite under the platform's user data directory (XDG_DATA_HOME on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False)) / "state.sqlite3"


def load(path: Path | None) -> Settings:
    """Read and validate the config file; raise ConfigError with one line on any problem."""
    path = (path or default_config_path()).expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: config file not found (copy config.example.toml there, or pass --config)"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return _build(doc, _Ctx(path.resolve()))


class _Ctx:
    """Where values came from, so every message names the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.base = path.parent

    def fail(self, section: str, key: str | None, what: str) -> ConfigError:
        where = f"[{section}] {key}" if key else f"[{section}]"
        return ConfigError(f"{self.path}: {where}: {what}")

    def resolve(self, value: str) -> Path:
        p = Path(value).expanduser()
        return p if p.is_absolute() else (self.base / p)


def _build(doc: dict[str, Any], ctx: _Ctx) -> Settings:
    for section, body in doc.items():
        if section not in _SECTION_KEYS:
            raise ctx.fail(section, None, f"unknown section [{section}]")
        if not isinstance(body, dict):
            raise ctx.fail(section, None, "must be a table")
        for key in body:
            if key not in _SECTION_KEYS[section]:
                raise ctx.fail(section, key, f"unknown key '{key}'")
    sec = {name: doc.get(name, {}) for name in _SECTION_KEYS}
    source = _adapter_section(sec["source"], "source", ctx, default_type="ics")
    reminders = _adapter_section(sec["reminders"], "reminders", ctx, default_type="ics")
    drafts = _adapter_section(sec["drafts"], "drafts", ctx, default_type="maildir")
    google = dict(sec["google"])
    if "client_secrets" in google:
        google["client_secrets"] = ctx.resolve(_str(google, "client_secrets", "google", ctx))
    if "api_root" in google:
        root = _str(google, "api_root", "google", ctx)
        if not root.startswith(("http://", "https://")):
            raise ctx.fail("google", "api_root", "must be an http(s) URL")
        google["api_root"] = root if root.endswith("/") else root + "/"
    if "reply_detection" in google:
        _bool(google, "reply_detection", "google", ctx)
    for name in ("account",):
        if name in google:
            _str(google, name, "google", ctx)
    _check_google(source, reminders, drafts, google, ctx)
    templates = sec["templates"].get("path")
    state = sec["state"].get("path")
    return Settings(
        config_path=ctx.path,
        user=_user(sec["user"], ctx),
        detection=_detection(sec["detection"], ctx),
        timeline=_timeline(sec["timeline"], ctx),
        source=source,
        reminders=reminders,
        drafts=drafts,
        google=google,
        templates_dir=ctx.resolve(_expect(templates, str, "templates", "path", ctx))
        if templates is not None
        else None,
        poll_minutes=_poll(sec["daemon"], ctx),
        state_path=ctx.resolve(_expect(state, str, "state", "path", ctx))
        if state is not None
        else default_state_path(),
    )


def _adapter_section(
    body: dict[str, Any], section: str, ctx: _Ctx, default_type: str
) -> dict[str, object]:
    out: dict[str, object] = dict(body)
    kind = out.setdefault("type", default_type)
    if kind not in _TYPES[section]:
        allowed = " | ".join(_TYPES[section])
        raise ctx.fail(section, "type", f"must be one of {allowed}, not {kind!r}")
    if "path" in out:
        out["path"] = ctx.resolve(_str(body, "path", section, ctx))
    elif kind in ("ics", "maildir"):
        raise ctx.fail(section, "path", f"is required when type = {kind!r}")
    for key in ("calendars", "interview_calendars"):
        if key in out:
            _str_list(body, key, section, ctx)
    if "all_interviews" in out:
        _bool(body, "all_interviews", section, ctx)
    if "calendar" in out:
        _str(body, "calendar", section, ctx)
    return out


def _check_google(
    source: dict[str, object],
    reminders: dict[str, object],
    drafts: dict[str, object],
    google: dict[str, object],
    ctx: _Ctx,
) -> None:
    """Google types need the account whose token the keyring holds."""
    uses = [s for s, d in (("source", source), ("reminders", reminders), ("drafts", drafts))
            if d.get("type") in ("google", "gmail")]
    if uses and "account" not in google:
        raise ctx.fail("google", "account", f"is required when [{uses[0]}] type is Google's")


def _user(body: dict[str, Any], ctx: _Ctx) -> UserSettings:
    d = UserSettings()
    tz = _str(body, "timezone", "user", ctx) if "timezone" in body else d.timezone
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ctx.fail("user", "timezone", f"unknown time zone {tz!r}") from None
    country = _str(body, "holiday_country", "user", ctx) if "holiday_country" in body else None
    region = _str(body, "holiday_region", "user", ctx) if "holiday_region" in body else None
    country = country if country is not None else d.holiday_country
    _check_holidays(country, region, ctx)
    return UserSettings(
        name=_str(body, "name", "user", ctx) if "name" in body else d.name,
        email=(_str(body, "email", "user", ctx) if "email" in body else d.email).lower(),
        phone=_str(body, "phone", "user", ctx) if "phone" in body else d.phone,
        timezone=tz,
        holiday_country=country,
        holiday_region=region,
        slot=_time(body, "slot", "user", ctx) if "slot" in body else d.slot,
        aliases=tuple(a.lower() for a in _str_list(body, "aliases", "user", ctx))
        if "aliases" in body
        else (),
    )


def _check_holidays(country: str, region: str | None, ctx: _Ctx) -> None:
    import holidays

    try:
        holidays.country_holidays(country, subdiv=region, years=2026)
    except NotImplementedError:
        raise ctx.fail("user", "holiday_country", f"unknown country {country!r}") from None
    except Exception:
        raise ctx.fail(
            "user", "holiday_region", f"unknown region {region!r} of {country!r}"
        ) from None


def _detection(body: dict[str, Any], ctx: _Ctx) -> DetectionSettings:
    d = DetectionSettings()
    kw: dict[str, Any] = {}
    for key in ("patterns", "exclusions", "free_mail_domains"):
        if key in body:
            kw[key] = tuple(s.lower() for s in _str_list(body, key, "detection", ctx))
    if "tag" in body:
        kw["tag"] = _str(body, "tag", "detection", ctx)
    if "default_length_minutes" in body:
        kw["default_length_minutes"] = _int(body, "default_length_minutes", "detection", ctx, 1)
    if kw.get("patterns") == ():
        raise ctx.fail("detection", "patterns", "needs at least one pattern")
    return DetectionSettings(**{**d.__dict__, **kw})


def _timeline(body: dict[str, Any], ctx: _Ctx) -> TimelineSettings:
    d = TimelineSettings()
    kw: dict[str, Any] = {}
    for f in fields(TimelineSettings):
        if f.name not in body:
            continue
        default = getattr(d, f.name)
        if isinstance(default, time):
            kw[f.name] = _time(body, f.name, "timeline", ctx)
        elif f.name == "stated_policy":
            value = _str(body, f.name, "timeline", ctx)
            if value not in ("next_business_day", "one_week_after"):
                raise ctx.fail(
                    "timeline", f.name, "must be 'next_business_day' or 'one_week_after'"
                )
            kw[f.name] = value
        elif f.name == "grace_hours":
            kw[f.name] = _grace(body[f.name], default, ctx)
        else:
            kw[f.name] = _int(body, f.name, "timeline", ctx, 0)
    return TimelineSettings(**{**d.__dict__, **kw})


def _grace(value: Any, default: dict[str, float], ctx: _Ctx) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ctx.fail("timeline", "grace_hours", "must be a table of action = hours")
    out = dict(default)
    for action, hours in value.items():
        if action not in default:
            raise ctx.fail("timeline", f"grace_hours.{action}", "unknown action")
        if not isinstance(hours, int | float) or isinstance(hours, bool) or hours < 0:
            raise ctx.fail("timeline", f"grace_hours.{action}", "must be a number >= 0")
        out[action] = float(hours)
    return out


def _poll(body: dict[str, Any], ctx: _Ctx) -> float:
    if "poll_minutes" not in body:
        return 5.0
    value = body["poll_minutes"]
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        raise ctx.fail("daemon", "poll_minutes", "must be a number of minutes > 0")
    return float(value)


def _expect(value: Any, typ: type, section: str, key: str, ctx: _Ctx) -> Any:
    if not isinstance(value, typ) or (isinstance(value, bool) and typ is not bool):
        raise ctx.fail(section, key, f"must be a {typ.__name__}")
    return value


def _str(body: dict[str, Any], key: str, section: str, ctx: _Ctx) -> str:
    value: str = _expect(body[key], str, section, key, ctx)
    if not value.strip():
        raise ctx.fail(section, key, "must not be empty")
    return value


def _bool(body: dict[str, Any], key: str, section: str, ctx: _Ctx) -> bool:
    value: bool = _expect(body[key], bool, section, key, ctx)
    return value


def _int(body: dict[str, Any], key: str, section: str, ctx: _Ctx, minimum: int) -> int:
    value: int = _expect(body[key], int, section, key, ctx)
    if value < minimum:
        raise ctx.fail(section, key, f"must be >= {minimum}")
    return value


def _str_list(body: dict[str, Any], key: str, section: str, ctx: _Ctx) -> list[str]:
    value = body[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ctx.fail(section, key, "must be a list of strings")
    return value


def _time(body: dict[str, Any], key: str, section: str, ctx: _Ctx) -> time:
    value = _str(body, key, section, ctx)
    try:
        hh, mm = value.split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise ctx.fail(section, key, f"must be a time HH:MM, not {value!r}") from None
