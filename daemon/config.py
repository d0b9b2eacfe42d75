"""TOML -> Settings. Every error is one line naming the file and the key (exit 2).

Hand-written validation rather than a schema library: the schema is small, the messages
must name ``file: [section] key`` exactly, and unknown keys must be errors, which is simpler
to guarantee here than through a generic validator's error format.
"""

from __future__ import annotations

import copy
import math
import os
import tomllib
from dataclasses import fields
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from daemon import backends
from daemon.addresses import addr_spec
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
    "detection": {f.name for f in fields(DetectionSettings)},
    "timeline": {f.name for f in fields(TimelineSettings)},
    "templates": {"path"},
    "daemon": {"poll_minutes"},
    "state": {"path"},
}
# [source], [reminders], [drafts] and the account sections ([google], [caldav]...) take the
# keys their backend declares (daemon.backends).


# Every number a config may set, with the range it must lie in (both ends included).
# Lower ends keep the rules' meaning (a check-in needs a positive delay; outreach is never
# closer than 7 days); upper ends catch typos long before they make absurd plans (a
# 100000-fold networking reminder) or dates past the calendar's year 9999. The README's
# configuration section lists the same table.
LIMITS: dict[tuple[str, str], tuple[float, float]] = {
    ("detection", "default_length_minutes"): (1, 24 * 60),
    ("detection", "confirm_minutes"): (0, 7 * 24 * 60),
    ("timeline", "prep_minutes_before"): (0, 24 * 60),
    ("timeline", "prep_length_minutes"): (1, 24 * 60),
    ("timeline", "debrief_minutes_after"): (0, 24 * 60),
    ("timeline", "debrief_length_minutes"): (1, 24 * 60),
    ("timeline", "reminder_length_minutes"): (1, 24 * 60),
    ("timeline", "thank_you_delay_minutes"): (0, 24 * 60),
    ("timeline", "linkedin_business_days"): (0, 30),
    ("timeline", "check_in_default_days"): (1, 365),
    ("timeline", "check_in_2_days"): (1, 365),
    ("timeline", "final_min_days"): (1, 365),
    ("timeline", "final_after_check_in_2_days"): (1, 365),
    ("timeline", "networking_days"): (1, 365),
    ("timeline", "networking_count"): (0, 12),
    ("timeline", "min_outreach_spacing_days"): (7, 365),
    ("timeline", "grace_hours"): (0, 24 * 365),
    ("daemon", "poll_minutes"): (0.5, 24 * 60),
}
# A number key added without an entry above still gets bounds: these.
DEFAULT_LIMITS: tuple[float, float] = (0, 100_000)


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


def load(path: Path | None, *, check_paths: bool = True) -> Settings:
    """Read and validate the config file; raise ConfigError with one line on any problem.

    ``check_paths=False`` skips the checks of ``daemon.paths`` (which look at the disk), for
    ``doctor``, which reports each of those on its own line."""
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
    settings = _build(doc, _Ctx(path.resolve()))
    if check_paths:
        check_paths_of(settings)
    return settings


def check_paths_of(settings: Settings) -> None:
    """ConfigError for the first path problem (an output on the calendar, a folder where a
    file belongs...), naming its key."""
    from daemon.paths import problems

    for problem in problems(settings):
        raise path_error(settings, problem.section, problem.what)


def path_error(settings: Settings, section: str, what: str) -> ConfigError:
    """The one-line error for ``[section] path``, like every other config error."""
    return ConfigError(f"{settings.config_path}: [{section}] path: {what}")


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
    known = set(_SECTION_KEYS) | set(backends.ROLES) | set(backends.ACCOUNTS)
    for section, body in doc.items():
        if section not in known:
            raise ctx.fail(section, None, f"unknown section [{section}]")
        if not isinstance(body, dict):
            raise ctx.fail(section, None, "must be a table")
        for key in body if section in _SECTION_KEYS else ():
            if key not in _SECTION_KEYS[section]:
                raise ctx.fail(section, key, f"unknown key '{key}'")
    sec = {name: doc.get(name, {}) for name in known}
    roles = {role: _role_section(sec[role], role, ctx) for role in backends.ROLES}
    accounts = _accounts(sec, roles, ctx)
    templates = sec["templates"].get("path")
    state = sec["state"].get("path")
    return Settings(
        config_path=ctx.path,
        user=_user(sec["user"], ctx),
        detection=_detection(sec["detection"], ctx),
        timeline=_timeline(sec["timeline"], ctx),
        source=roles["source"],
        reminders=roles["reminders"],
        drafts=roles["drafts"],
        google=accounts.get("google", {}),
        accounts=accounts,
        templates_dir=ctx.resolve(_expect(templates, str, "templates", "path", ctx))
        if templates is not None
        else None,
        poll_minutes=_poll(sec["daemon"], ctx),
        state_path=ctx.resolve(_expect(state, str, "state", "path", ctx))
        if state is not None
        else default_state_path(),
    )


def _role_section(body: dict[str, Any], role: backends.Role, ctx: _Ctx) -> dict[str, object]:
    """[source], [reminders] or [drafts]: the keys its ``type``'s backend declares."""
    kind = body.get("type", backends.DEFAULT_TYPES[role])
    if kind not in backends.types(role):
        allowed = " | ".join(backends.types(role))
        raise ctx.fail(role, "type", f"must be one of {allowed}, not {kind!r}")
    chosen = backends.backend(role, kind)
    values = _declared(body, (backends.Key("type"), *chosen.keys), role, ctx, f"type = {kind!r}")
    try:
        chosen.validate(values)
    except backends.KeyProblem as problem:
        raise ctx.fail(role, problem.key, str(problem)) from None
    return values


def _accounts(
    sec: dict[str, Any], roles: dict[backends.Role, dict[str, object]], ctx: _Ctx
) -> dict[str, dict[str, object]]:
    """Every account section present or needed; a needed one must have its required keys."""
    needs: dict[str, str] = {}
    for role, values in roles.items():
        used = backends.backend(role, str(values["type"])).account
        if used is not None:
            needs.setdefault(used, f"[{role}] type = {values['type']!r}")
    out: dict[str, dict[str, object]] = {}
    for name in backends.ACCOUNTS:
        if name not in needs and not sec[name]:
            continue
        acct = backends.account(name)
        why = needs.get(name)
        out[name] = _declared(sec[name], acct.keys, name, ctx, why)
        try:
            acct.validate(out[name])
        except backends.KeyProblem as problem:
            raise ctx.fail(name, problem.key, str(problem)) from None
    return out


def _declared(
    body: dict[str, Any],
    keys: tuple[backends.Key, ...],
    section: str,
    ctx: _Ctx,
    needed_by: str | None,
) -> dict[str, object]:
    """The section's values checked against the declared keys, defaults filled in.
    ``needed_by`` (what makes the section needed) turns on the ``required`` checks."""
    declared = {k.name: k for k in keys}
    for name in body:
        if name not in declared:
            where = f" with {needed_by}" if needed_by and section in backends.ROLES else ""
            raise ctx.fail(section, name, f"unknown key '{name}'{where}")
    out: dict[str, object] = {}
    for key in keys:
        if key.name in body:
            out[key.name] = _value(body, key, section, ctx)
        elif key.required and needed_by is not None:
            raise ctx.fail(section, key.name, f"is required when {needed_by}")
        elif key.default is not None:
            out[key.name] = copy.copy(key.default)
    return out


def _value(body: dict[str, Any], key: backends.Key, section: str, ctx: _Ctx) -> object:
    name = key.name
    if key.kind == "bool":
        return _bool(body, name, section, ctx)
    if key.kind == "int":
        return _int(body, name, section, ctx, 0)
    if key.kind == "str_list":
        return list(_str_list(body, name, section, ctx))
    if key.kind == "command":
        argv = _str_list(body, name, section, ctx)
        if not argv or not argv[0].strip():
            raise ctx.fail(section, name, 'must be a command as a list, e.g. ["pass", "show", "x"]')
        return list(argv)
    text = _str(body, name, section, ctx)
    if key.choices and text not in key.choices:
        raise ctx.fail(section, name, f"must be one of {' | '.join(key.choices)}, not {text!r}")
    if key.kind == "path":
        return ctx.resolve(text)
    if key.kind == "url":
        if not text.startswith(("http://", "https://")):
            raise ctx.fail(section, name, "must be an http(s) URL")
        return text if text.endswith("/") else text + "/"
    return text


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
    return UserSettings(
        name=_required(body, "name", "user", ctx, "the name that signs every draft"),
        email=_email(_required(body, "email", "user", ctx, "your address"), ctx),
        phone=_str(body, "phone", "user", ctx) if "phone" in body else d.phone,
        timezone=tz,
        holiday_country=country,
        holiday_region=region,
        slot=_time(body, "slot", "user", ctx) if "slot" in body else d.slot,
        aliases=tuple(a.lower() for a in _str_list(body, "aliases", "user", ctx))
        if "aliases" in body
        else (),
    )


def _required(body: dict[str, Any], key: str, section: str, ctx: _Ctx, what: str) -> str:
    """No built-in stand-in: a draft signed with someone else's name, or a thank-you
    addressed to the user, is worse than a config that does not start."""
    if key not in body:
        raise ctx.fail(section, key, f"is required ({what})")
    return _str(body, key, section, ctx)


def _email(value: str, ctx: _Ctx) -> str:
    """The user's address must be one the drafts can carry in From:, checked by the same
    code that writes that header (``addr_spec``), so a bad one fails here and not in every
    later sync."""
    try:
        addr_spec(value)
    except ValueError:
        raise ctx.fail("user", "email", f"not a usable e-mail address: {value!r}") from None
    return value.lower()


def check_holidays(settings: Settings) -> None:
    """The holiday country and region, checked by the commands that count business days.

    Not part of ``load``: the check imports ``holidays``, which costs more than ``status``
    does in all. A place whose tables the cache holds was valid when they were computed.
    """
    from daemon.timeline import holidays_known

    user = settings.user
    if not holidays_known(user.holiday_country, user.holiday_region):
        _check_holidays(user.holiday_country, user.holiday_region, _Ctx(settings.config_path))


def _check_holidays(country: str, region: str | None, ctx: _Ctx) -> None:
    """The country first, then the region within it, so each message names the right key."""
    import holidays

    try:
        holidays.country_holidays(country, years=2026)
    except NotImplementedError:
        raise ctx.fail("user", "holiday_country", f"unknown country {country!r}") from None
    if region is None:
        return
    try:
        holidays.country_holidays(country, subdiv=region, years=2026)
    except NotImplementedError:
        known = holidays.list_supported_countries().get(country, [])
        hint = f" (one of: {', '.join(known)})" if known else f" ({country!r} has no regions)"
        raise ctx.fail(
            "user", "holiday_region", f"unknown region {region!r} of {country!r}{hint}"
        ) from None


def _detection(body: dict[str, Any], ctx: _Ctx) -> DetectionSettings:
    d = DetectionSettings()
    kw: dict[str, Any] = {}
    for key in ("patterns", "exclusions", "free_mail_domains", "phrasings", "not_people"):
        if key in body:
            kw[key] = tuple(s.lower() for s in _str_list(body, key, "detection", ctx))
    if "tag" in body:
        kw["tag"] = _str(body, "tag", "detection", ctx)
    if "default_length_minutes" in body:
        kw["default_length_minutes"] = _int(body, "default_length_minutes", "detection", ctx, 1)
    if "confirm_minutes" in body:
        kw["confirm_minutes"] = _int(body, "confirm_minutes", "detection", ctx, 0)
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
        out[action] = _number(
            hours, "timeline", f"grace_hours.{action}", ctx, LIMITS[("timeline", "grace_hours")]
        )
    return out


def _poll(body: dict[str, Any], ctx: _Ctx) -> float:
    if "poll_minutes" not in body:
        return 5.0
    return _number(body["poll_minutes"], "daemon", "poll_minutes", ctx)


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


def _limits(section: str, key: str, minimum: float | None = None) -> tuple[float, float]:
    low, high = LIMITS.get((section, key), DEFAULT_LIMITS)
    return (low if minimum is None else max(low, minimum)), high


def _int(
    body: dict[str, Any], key: str, section: str, ctx: _Ctx, minimum: int | None = None
) -> int:
    """A whole number within ``LIMITS`` (``minimum`` may only raise the lower end)."""
    value = body[key]
    low, high = _limits(section, key, minimum)
    what = f"must be a whole number from {low:g} to {high:g}"
    if not isinstance(value, int) or isinstance(value, bool):
        raise ctx.fail(section, key, what)
    if not low <= value <= high:
        raise ctx.fail(section, key, f"{what}, not {value}")
    return value


def _number(
    value: Any, section: str, key: str, ctx: _Ctx, limits: tuple[float, float] | None = None
) -> float:
    """A finite number (TOML allows ``nan`` and ``inf``) within its limits."""
    low, high = limits or _limits(section, key)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ctx.fail(section, key, f"must be a number from {low:g} to {high:g}")
    if not math.isfinite(value) or not low <= value <= high:
        raise ctx.fail(section, key, f"must be a number from {low:g} to {high:g}, not {value}")
    return float(value)


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
