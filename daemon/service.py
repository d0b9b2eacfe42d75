"""One cycle: read -> detect -> plan -> reconcile -> write -> record. The whole product.

``evaluate`` is the read-only half (``plan`` uses it); ``run_cycle`` adds observation of what
the user changed and the writes. Every write is recorded in the state store right after it
lands, and every cycle first looks for outputs of ours that exist but were never recorded
(a crash in between), so nothing is ever written twice.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from daemon import planner
from daemon import replies as reply_rules
from daemon.absence import Absence, absence
from daemon.backends import from_source, source_ids
from daemon.codec import (
    cancellation_from,
    cancellation_to,
    interview_from,
    interview_to,
    skip_from,
    skip_to,
)
from daemon.corrections import corrected, parse_corrections
from daemon.debrief import Debrief, apply_debrief, parse_debrief, unmatched_notes
from daemon.keys import output_key
from daemon.model import (
    OUTREACH_TYPES,
    Action,
    History,
    Interview,
    Outcome,
    OutputKind,
    Plan,
    Reply,
    Skip,
)
from daemon.ports import (
    DraftSpec,
    DraftStore,
    EventSource,
    ExistingDraft,
    FoundReply,
    ReminderSpec,
    ReminderStore,
    ReplyQuery,
    ReplyWatcher,
)
from daemon.progress import reminder_only_done
from daemon.reading import READING_VERSION, Detection, same_company, superseded_by
from daemon.reconcile import (
    AdoptReminder,
    CreateDraft,
    DeleteDraft,
    RemoveDraft,
    RemoveReminder,
    WantedReminder,
    WriteReminder,
    draft_duties,
    draft_removal,
    draft_writes,
    observe_drafts,
    observe_moves,
    observe_reminders,
    reminder_fingerprint,
    reminder_operations,
    unmade,
)
from daemon.settings import Settings
from daemon.state import (
    LIVE,
    REMOVED,
    USER_DELETED,
    USER_MODIFIED,
    ActionRow,
    InterviewRow,
    OutputRow,
    StateStore,
)

if TYPE_CHECKING:
    from daemon.drafts import DraftContext

log = logging.getLogger("interview-followup")

REPLY_WINDOW = timedelta(days=120)  # past the final follow-up: no longer awaiting a reply


@dataclass(frozen=True)
class Evaluation:
    now: datetime
    plans: tuple[Plan, ...]
    skipped: tuple[Skip, ...]
    warnings: tuple[str, ...]


@dataclass
class CycleReport:
    dry_run: bool = False
    reminders_created: int = 0
    reminders_moved: int = 0
    reminders_removed: int = 0
    drafts_created: int = 0
    drafts_removed: int = 0
    user_changes: int = 0
    lines: list[str] = field(default_factory=list)

    def wrote_anything(self) -> bool:
        return any(
            (
                self.reminders_created,
                self.reminders_moved,
                self.reminders_removed,
                self.drafts_created,
                self.drafts_removed,
            )
        )

    def summary(self) -> str:
        verb = "would write" if self.dry_run else "wrote"
        return (
            f"{verb}: {self.reminders_created} reminders created, {self.reminders_moved} moved,"
            f" {self.reminders_removed} removed; {self.drafts_created} drafts created,"
            f" {self.drafts_removed} removed; {self.user_changes} changes by you noticed"
        )


# reading and detecting -----------------------------------------------------------------


def _settings_digest(settings: Settings) -> str:
    source = sorted(map(str, settings.source.items()))
    parts = repr((READING_VERSION, settings.detection, settings.user, source))
    return hashlib.sha256(parts.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Reading:
    """What the cycle knows of the source: a detection and how far it can be trusted."""

    detection: Detection
    warnings: tuple[str, ...]
    unreadable: frozenset[str]
    complete: bool = True  # False: half-written source, the last good read stands in


def read_detection(settings: Settings, store: StateStore, source: EventSource) -> Reading:
    """Detection for the source's current content; reuses the last one when unchanged.

    A half-written source gives the last complete read instead (or, with none yet, what
    could be read); it is never cached, so the next cycle reads the file again.
    """
    fp = source.fingerprint()
    key = f"{fp}|{_settings_digest(settings)}" if fp else None
    if key is not None:
        cached = store.cache_get("source", key)
        if cached is not None:
            try:
                return Reading(*_detection_from(cached))
            except (KeyError, TypeError, ValueError):
                pass
    from daemon.detect import detect  # only when the calendar changed: its rules cost

    read = source.read()
    detection = detect(read.events, settings.detection, settings.user)
    if not read.complete:
        return _last_good_reading(store, Reading(detection, read.warnings, read.unreadable_ids))
    if key is not None:
        with store.transaction():
            store.cache_put(
                "source", key, _detection_to(detection, read.warnings, read.unreadable_ids)
            )
    return Reading(detection, read.warnings, read.unreadable_ids)


def _last_good_reading(store: StateStore, partial: Reading) -> Reading:
    last = store.cache_last("source")
    if last is not None:
        try:
            detection, _warnings, unreadable = _detection_from(last)
            return Reading(detection, partial.warnings, unreadable, complete=False)
        except (KeyError, TypeError, ValueError):
            pass
    return replace(partial, complete=False)


def _detection_to(d: Detection, warnings: Iterable[str], unreadable: Iterable[str]) -> Any:
    return {
        "interviews": [interview_to(i) for i in d.interviews],
        "skipped": [skip_to(s) for s in d.skipped],
        "cancellations": [cancellation_to(c) for c in d.cancellations],
        "warnings": list(warnings),
        "unreadable": sorted(unreadable),
    }


def _detection_from(data: Any) -> tuple[Detection, tuple[str, ...], frozenset[str]]:
    detection = Detection(
        interviews=tuple(interview_from(i) for i in data["interviews"]),
        skipped=tuple(skip_from(s) for s in data["skipped"]),
        cancellations=tuple(cancellation_from(c) for c in data["cancellations"]),
    )
    return detection, tuple(data["warnings"]), frozenset(data["unreadable"])


# planning --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _World:
    """Everything planning needs, gathered once per cycle."""

    interviews: dict[str, Interview]  # current and remembered-but-gone
    rows: dict[str, InterviewRow]
    actions: dict[tuple[str, str], ActionRow]
    outputs: dict[str, OutputRow]
    gone: dict[str, str]  # interview id -> "cancelled" | "deleted"
    superseded: dict[str, str]
    done: dict[str, dict[str, datetime]]  # interview id -> action type -> done at
    touched: dict[str, frozenset[str]]  # interview id -> action types the user changed
    absence: Absence
    key_bases: dict[str, str]  # interview id -> the id its output keys are made from
    moved: dict[str, dict[str, datetime]]  # interview id -> action -> where the user put it
    replies: dict[str, tuple[Reply, ...]] = field(default_factory=dict)  # as classified

    def key(self, iid: str, action: str, kind: OutputKind, recipient: str = "") -> str:
        return output_key(self.key_bases.get(iid, iid), action, kind, recipient)


def _world(settings: Settings, reading: Reading, store: StateStore, now: datetime) -> _World:
    detection = reading.detection
    ids = source_ids(settings)
    rows = store.interviews()
    interviews = {i.id: i for i in detection.interviews}
    absent = absence(
        interviews.keys(),
        {c.id for c in detection.cancellations},
        rows,
        lambda source_id: from_source(source_id, ids),
        reading.unreadable,
        now=now,
        confirm_minutes=settings.detection.confirm_minutes,
        complete=reading.complete,
    )
    for iid in (*absent.gone, *absent.held):
        interviews[iid] = rows[iid].interview
    for iid, row in rows.items():
        if iid in interviews:
            interviews[iid] = apply_debrief(interviews[iid], row.debrief)
    actions = store.actions()
    outputs = store.outputs()
    done: dict[str, dict[str, datetime]] = defaultdict(dict)
    for (iid, type_), a in actions.items():
        if a.done_at is not None:
            done[iid][type_] = a.done_at
    touched: dict[str, set[str]] = defaultdict(set)
    moved: dict[str, dict[str, datetime]] = defaultdict(dict)
    for o in outputs.values():
        if o.status in (USER_MODIFIED, USER_DELETED):
            touched[o.interview_id].add(o.action)
        if o.status == USER_MODIFIED and o.moved_to is not None:
            moved[o.interview_id][o.action] = o.moved_to
    return _World(
        interviews=interviews,
        rows=rows,
        actions=actions,
        outputs=outputs,
        gone=absent.gone,
        superseded=superseded_by(detection.interviews),
        done=dict(done),
        touched={iid: frozenset(types) for iid, types in touched.items()},
        absence=absent,
        key_bases={iid: row.keys_from for iid, row in rows.items()},
        moved=dict(moved),
        replies=store.replies(),
    )


def _history(iv: Interview, world: _World, by_company: dict[str, list[datetime]]) -> History:
    row = world.rows.get(iv.id)
    others = [t for other, times in by_company.items() if other != iv.id for t in times]
    replies = world.replies.get(iv.id, ())
    outcome, outcome_at = _outcome(row, replies)
    return History(
        outcome=outcome,
        outcome_at=outcome_at,
        replied_at=row.replied_at if row else None,
        superseded=iv.id in world.superseded,
        cancelled=iv.id in world.gone,
        done=dict(world.done.get(iv.id, {})),
        user_modified=world.touched.get(iv.id, frozenset()),
        timeline_command=row.timeline_command if row else None,
        timeline_debrief=row.debrief_timeline if row else None,
        note=row.debrief_note if row else None,
        company_outreach=tuple(sorted(others)),
        moved=dict(world.moved.get(iv.id, {})),
        replies=replies,
    )


def _outcome(
    row: InterviewRow | None, replies: tuple[Reply, ...]
) -> tuple[Outcome | None, datetime | None]:
    """The user's ``outcome`` always wins; else what a rejection or an offer said."""
    if row is not None and row.outcome:
        return row.outcome, row.outcome_at  # type: ignore[return-value]
    read = reply_rules.outcome_of(replies)
    return (read[0], read[1]) if read else (None, None)


def _company_outreach(world: _World) -> dict[str, dict[str, list[datetime]]]:
    """For each interview: other interviews of the same company -> their done outreach."""
    done: dict[str, list[datetime]] = defaultdict(list)
    for (iid, t), a in world.actions.items():
        if t in OUTREACH_TYPES and a.done_at is not None:
            done[iid].append(a.due)
    out: dict[str, dict[str, list[datetime]]] = {}
    ivs = list(world.interviews.values())
    for iv in ivs:
        out[iv.id] = {o.id: done[o.id] for o in ivs if o.id in done and same_company(iv, o)}
    return out


def _plans(settings: Settings, world: _World, now: datetime) -> list[Plan]:
    outreach = _company_outreach(world)
    plans = []
    for iv in sorted(world.interviews.values(), key=lambda i: (i.start, i.id)):
        history = _history(iv, world, outreach.get(iv.id, {}))
        plan = planner.plan_interview(iv, history, settings.timeline, settings.user, now)
        plans.append(_finish_reminder_only(plan, world, now))
    return plans


def _finish_reminder_only(plan: Plan, world: _World, now: datetime) -> Plan:
    """Mark reminder-only actions done once their reminder exists and their time came."""
    actions = []
    for a in plan.actions:
        row = world.outputs.get(world.key(plan.interview.id, a.type, "calendar"))
        actions.append(replace(a, state="done") if reminder_only_done(a, row, now) else a)
    return replace(plan, actions=tuple(actions))


def evaluate(
    settings: Settings, store: StateStore, source: EventSource, now: datetime
) -> Evaluation:
    """The plan as of ``now``, from the calendar and the state store; writes nothing."""
    reading = _corrected(read_detection(settings, store, source), store)
    world = _world(settings, reading, store, now)
    return Evaluation(
        now=now,
        plans=tuple(_plans(settings, world, now)),
        skipped=reading.detection.skipped,
        warnings=_warnings(reading, world),
    )


def _corrected(reading: Reading, store: StateStore) -> Reading:
    """The reading with the ``Company:``/``Role:``/``Contact:`` lines of the debriefs."""
    return replace(reading, detection=with_corrections(reading.detection, store))


def _warnings(reading: Reading, world: _World) -> tuple[str, ...]:
    loss = world.absence.warning
    return (*reading.warnings, loss) if loss else reading.warnings


# the cycle -------------------------------------------------------------------------------


@dataclass
class Adapters:
    source: EventSource
    reminders: ReminderStore
    drafts: DraftStore
    replies: ReplyWatcher | None = None


def run_cycle(
    settings: Settings, store: StateStore, adapters: Adapters, now: datetime, *, dry_run: bool
) -> tuple[Evaluation, CycleReport]:
    """Read, observe the user's changes, plan, write what is due, record it."""
    report = CycleReport(dry_run=dry_run)
    reading = _corrected(read_detection(settings, store, adapters.source), store)
    world = _world(settings, reading, store, now)
    prints = _Fingerprints(adapters)
    reminders_now, drafts_now = _observe(store, adapters, world, report, dry_run, prints)
    reading = _corrected(reading, store)  # including lines typed just now
    changed = not dry_run and _record_interviews(store, reading.detection, world, now)
    if changed or (report.user_changes and not dry_run):
        world = _world(settings, reading, store, now)
    replies = None if dry_run else adapters.replies
    if replies is not None and _check_replies(settings, store, replies, world, now):
        world = _world(settings, reading, store, now)
    plans = _plans(settings, world, now)
    writer = _Writer(settings, store, adapters, world, now, report, dry_run, reminders_now)
    writer.drafts_now = drafts_now
    writer.prints = prints
    writer.reminders(plans)
    writer.drafts(plans)
    plans = writer.finish(plans)
    writer.record(plans)
    _commit_cursors(store, adapters, dry_run)
    evaluation = Evaluation(now, tuple(plans), reading.detection.skipped, _warnings(reading, world))
    return evaluation, report


def _commit_cursors(store: StateStore, adapters: Adapters, dry_run: bool) -> None:
    """Sync tokens are saved only now, after the cycle's writes are recorded: a crash
    before this point replays the same changes next time, and nothing is lost. The holiday
    tables the cycle used are kept too, so ``plan`` need not import the library."""
    from daemon import holiday_cache

    if dry_run:
        return
    with store.transaction():
        adapters.source.commit()
        adapters.reminders.commit()
        holiday_cache.save(store)


def _check_replies(
    settings: Settings, store: StateStore, watcher: ReplyWatcher, world: _World, now: datetime
) -> bool:
    """One search for every interview that awaits a reply; each new message found is read
    once (fetched, classified in memory, never stored) and its reading recorded. True when
    anything new was recorded."""
    queries = [
        ReplyQuery(
            interview_id=iv.id,
            after=iv.end,
            senders=tuple(sorted({p.email for p in iv.interviewers if p.email} | _contact(iv))),
            domains=tuple(sorted(iv.domains)),
            user_email=settings.user.email,
        )
        for iv in world.interviews.values()
        if _awaits_reply(iv, world, now)
    ]
    if not queries:
        return False
    known = store.reply_refs()
    new = [found for found in watcher.find(queries) if found.ref not in known]
    readings = [(found, _read(watcher, found, now)) for found in new]
    with store.transaction():
        for found, reply in readings:
            if reply is None:
                continue
            for iid in found.interview_ids:
                _record_reply(store, world, iid, reply, ZoneInfo(settings.user.timezone))
    return any(reply is not None for _found, reply in readings)


def _read(watcher: ReplyWatcher, found: FoundReply, now: datetime) -> Reply | None:
    """What one message says; None when it vanished before it could be read."""
    from daemon.classify import classify_bytes

    raw = watcher.fetch(found.ref)
    if raw is None:
        return None
    reading = classify_bytes(raw)
    return Reply(
        ref=found.ref,
        received=found.received,
        category=reading.category,
        cue=reading.cue,
        sender=found.sender,
        read_at=now,
        subject=found.subject,
        message_id=found.message_id,
        references=found.references,
        thread_id=found.thread_id,
        new_date=reading.new_date,
        until=reading.until,
        asked=reading.asked,
    )


def _record_reply(store: StateStore, world: _World, iid: str, reply: Reply, tz: ZoneInfo) -> None:
    """Save the reading; an answer (not an auto-reply, noise, delay or acknowledgement)
    also marks the interview replied, which stops the check-ins."""
    iv = world.interviews.get(iid)
    log.info("%s: %s", iid, reply_rules.describe(reply, iv.company if iv else None, tz))
    store.save_reply(iid, reply)
    if reply_rules.is_answer(reply.category):
        store.set_replied(iid, reply.received)


def _contact(iv: Interview) -> set[str]:
    return {iv.contact.email} if iv.contact else set()


def _awaits_reply(iv: Interview, world: _World, now: datetime) -> bool:
    """Over, recent, still active, and no reply or outcome known yet."""
    row = world.rows.get(iv.id)
    return (
        row is not None
        and iv.id not in world.gone
        and not row.outcome
        and row.replied_at is None
        and iv.end <= now
        and now - iv.end <= REPLY_WINDOW
        and bool(iv.interviewers or iv.contact or iv.domains)
    )


def _observe(
    store: StateStore,
    adapters: Adapters,
    world: _World,
    report: CycleReport,
    dry_run: bool,
    prints: _Fingerprints,
) -> tuple[dict[str, ReminderSpec] | None, dict[str, ExistingDraft] | None]:
    """Find what the user edited or deleted since the last cycle, and read debrief notes.

    Returns the reminders and drafts of ours that exist now; None for one that was not
    read: unchanged since our last write, or (a mailbox with no cheap fingerprint, Gmail)
    left for the moment a draft is about to be made or removed, to spare a request a poll.
    """
    changes: dict[str, str] = {}
    present: dict[str, ReminderSpec] | None = None
    drafts: dict[str, ExistingDraft] | None = None
    moves: dict[str, datetime] = {}
    if _changed(store, "reminders", prints):
        present = adapters.reminders.snapshot()
        if present or adapters.reminders.exists():
            changes.update(observe_reminders(world.outputs, present))
            moves = observe_moves(world.outputs, present)
    if prints.of("drafts") is not None and _changed(store, "drafts", prints):
        drafts = adapters.drafts.snapshot()
        changes.update(observe_drafts(world.outputs, drafts))
    report.user_changes = len(changes.keys() | moves.keys())
    for key, status in changes.items():
        row = world.outputs[key]
        log.info(
            "you %s the %s %s of %s",
            "edited" if status == USER_MODIFIED else "removed",
            row.action,
            "reminder" if row.kind == "calendar" else "draft",
            row.interview_id,
        )
    if dry_run:
        return present, drafts
    with store.transaction():
        for key, status in changes.items():
            store.set_output_status(key, status)
        for key, start in moves.items():
            store.set_output_moved(key, start)
        if drafts is not None:
            _record_edited_places(store, changes, drafts)
        if present is not None:
            _read_debriefs(store, world, present)
        if drafts is not None:
            _follow_moved_drafts(store, world, drafts, changes)
    return present, drafts


def _follow_moved_drafts(
    store: StateStore, world: _World, present: dict[str, ExistingDraft], changes: dict[str, str]
) -> None:
    """A draft found under another handle (a mail client renamed the file, Gmail kept
    another copy) is the same draft: remember where it is now."""
    for key, found in present.items():
        row = world.outputs.get(key)
        if row and row.status == LIVE and key not in changes and row.ref != found.ref:
            store.set_output_ref(key, found.ref)


def _record_edited_places(
    store: StateStore, changes: dict[str, str], present: dict[str, ExistingDraft]
) -> None:
    """An edited draft holds what the user left in it: its [[...]] places are read again
    when the mailbox told us its body (Maildir), so ``status`` stops listing a draft the
    user finished and keeps listing one they did not."""
    for key, status in changes.items():
        found = present.get(key)
        if status == USER_MODIFIED and found is not None and found.open_places is not None:
            store.set_open_places(key, found.open_places)


class _Fingerprints:
    """Each store's fingerprint, asked once a cycle and again only after the cycle wrote to
    that store: for a CalDAV calendar, asking is a request."""

    def __init__(self, adapters: Adapters) -> None:
        self.stores: dict[str, ReminderStore | DraftStore] = {
            "reminders": adapters.reminders,
            "drafts": adapters.drafts,
        }
        self.known: dict[str, str | None] = {}

    def of(self, name: str) -> str | None:
        if name not in self.known:
            self.known[name] = self.stores[name].fingerprint()
        return self.known[name]

    def wrote(self, name: str) -> None:
        self.known.pop(name, None)


def _changed(store: StateStore, name: str, prints: _Fingerprints) -> bool:
    fp = prints.of(name)
    return fp is None or store.cache_get(name, fp) is None


def _remember(store: StateStore, name: str, prints: _Fingerprints) -> None:
    fp = prints.of(name)
    if fp is not None:
        store.cache_put(name, fp, True)


def _read_debriefs(store: StateStore, world: _World, present: dict[str, ReminderSpec]) -> None:
    """The debrief reminder is meant to be edited: take its Timeline:/Note: lines."""
    for iid in world.interviews:
        key = world.key(iid, "debrief", "calendar")
        row = world.outputs.get(key)
        spec = present.get(key)
        if row is None or spec is None or reminder_fingerprint(spec) == row.fingerprint:
            continue
        debrief = parse_debrief(spec.description)
        for who in unmatched_notes(world.interviews[iid].interviewers, debrief):
            log.warning(
                "%s: the debrief's line 'Note for %s' names none of the interviewers;"
                " use a first name, a full name or an address from the invitation",
                iid,
                who,
            )
        store.set_debrief(iid, debrief)
        store.set_corrections(iid, parse_corrections(spec.description))


def with_corrections(detection: Detection, store: StateStore) -> Detection:
    """The reading with the user's ``Company:``/``Role:``/``Contact:`` corrections."""
    fixes = store.corrections()
    if not fixes:
        return detection
    interviews = tuple(corrected(iv, fixes.get(iv.id, {})) for iv in detection.interviews)
    return replace(detection, interviews=interviews)


def _record_interviews(
    store: StateStore, detection: Detection, world: _World, now: datetime
) -> bool:
    """Save new, changed, returned and gone interviews; True when anything was saved."""
    changed = False
    with store.transaction():
        for iv in detection.interviews:
            row = world.rows.get(iv.id)
            if row is None or row.interview != iv or row.gone or row.missing_since:
                store.save_interview(iv, now)
                changed = True
        for iid in world.absence.newly_missing:
            log.info("%s: missing from the calendar; removed if still missing later", iid)
            store.mark_missing(iid, now)
            changed = True
        for iid, reason in world.gone.items():
            if world.rows[iid].gone is None:
                log.info("%s: interview %s: its plan is cancelled", iid, reason)
                store.mark_gone(iid, reason, now)
                changed = True
    return changed


def _in_thread(spec: DraftSpec, answered: Reply | None) -> DraftSpec:
    """The draft as an answer to ``answered``: same conversation, RFC 5322 threading."""
    if answered is None or not answered.message_id:
        return spec
    references = " ".join(x for x in (answered.references, answered.message_id) if x)
    return replace(
        spec,
        in_reply_to=answered.message_id,
        references=references,
        thread_id=answered.thread_id,
    )


class _Writer:
    """Applies one cycle's decisions and records each write right after it lands."""

    def __init__(
        self,
        settings: Settings,
        store: StateStore,
        adapters: Adapters,
        world: _World,
        now: datetime,
        report: CycleReport,
        dry_run: bool,
        remote: dict[str, ReminderSpec] | None,
    ) -> None:
        from daemon import drafts, reminders

        self.reminders_mod = reminders
        self.settings = settings
        self.store = store
        self.adapters = adapters
        self.world = world
        self.now = now
        self.report = report
        self.dry_run = dry_run
        self.remote = remote
        self.drafts_mod = drafts
        self.templates = drafts.load_templates(settings.templates_dir)
        for problem in self.templates.errors:
            log.warning("%s", problem)
        self.done_now: set[tuple[str, str]] = set()
        self.drafts_now: dict[str, ExistingDraft] | None = None
        self.prints = _Fingerprints(adapters)

    def _context(self, plan: Plan) -> DraftContext:
        """What the letters and reminders of ``plan`` need beyond the interview itself."""
        iv = plan.interview
        row = self.world.rows.get(iv.id)
        earlier = sorted(
            (
                other
                for other in self.world.interviews.values()
                if other.id != iv.id and other.start < iv.start and same_company(iv, other)
            ),
            key=lambda other: other.start,
        )
        first = next((a.due for a in plan.actions if a.type == "check_in_1"), None)
        return self.drafts_mod.DraftContext(
            debrief=row.debrief if row else Debrief(),
            earlier=tuple(earlier),
            written_at=self.now,
            first_check_in=first,
        )

    def _reminder_spec(self, plan: Plan, action: Action) -> ReminderSpec:
        summary, description = self.reminders_mod.reminder_text(
            action, plan.interview, self.settings.user, self._context(plan)
        )
        return ReminderSpec(
            key=self.world.key(plan.interview.id, action.type, "calendar"),
            summary=summary,
            description=description,
            start=action.due,
            end=action.due + action.duration,
            rrule=action.rrule,
        )

    def reminders(self, plans: list[Plan]) -> None:
        wanted = [
            WantedReminder(plan, action, self._reminder_spec(plan, action))
            for plan in plans
            for action in plan.actions
            if "calendar" in action.outputs
        ]
        ops = reminder_operations(
            wanted,
            self.world.outputs,
            None if self.dry_run else self.remote,
            file_lost=self.remote == {} and not self.adapters.reminders.exists(),
            held=self.world.absence.held,
            now=self.now,
        )
        writes = [op for op in ops if isinstance(op, WriteReminder)]
        deletes = [op.row for op in ops if isinstance(op, RemoveReminder)]
        self._report_reminders(writes, deletes)
        if self.dry_run:
            return
        with self.store.transaction():
            for op in ops:
                if isinstance(op, AdoptReminder):
                    self._save_reminder(op.wanted)
        if writes or deletes:
            self.prints.wrote("reminders")
            self.adapters.reminders.apply([w.wanted.spec for w in writes], [r.key for r in deletes])
        with self.store.transaction():
            for w in writes:
                self._save_reminder(w.wanted, w.keeps)
            for row in deletes:
                self.store.set_output_status(row.key, REMOVED)
            _remember(self.store, "reminders", self.prints)

    def _report_reminders(self, writes: list[WriteReminder], deletes: list[OutputRow]) -> None:
        for w in writes:
            verb = "move" if w.moves else "create"
            when = f"{w.wanted.action.due:%Y-%m-%d %H:%M}"
            self.report.lines.append(
                f"{verb} reminder {w.wanted.action.type} of {w.wanted.plan.interview.title!r}"
                f" at {when}"
            )
        for row in deletes:
            self.report.lines.append(f"remove reminder {row.action} of {row.interview_id}")
        self.report.reminders_created += sum(1 for w in writes if not w.moves)
        self.report.reminders_moved += sum(1 for w in writes if w.moves)
        self.report.reminders_removed += len(deletes)

    def _save_reminder(self, wanted: WantedReminder, keeps: OutputRow | None = None) -> None:
        """Record a reminder as written; one restored after a lost file keeps its status
        (an edited one stays the user's) and where the user had moved it."""
        spec = wanted.spec
        self.store.save_output(
            OutputRow(
                key=spec.key,
                interview_id=wanted.plan.interview.id,
                action=wanted.action.type,
                kind="calendar",
                recipient="",
                ref=spec.key,
                fingerprint=reminder_fingerprint(spec),
                due=wanted.action.due,
                written_at=self.now,
                status=keeps.status if keeps else LIVE,
                moved_to=keeps.moved_to if keeps else None,
            )
        )

    def _mailbox(self) -> dict[str, ExistingDraft] | None:
        """Our drafts in the mailbox, read at most once a cycle and only when needed; None
        in a dry run, which reads nothing it need not. What the user changed is recorded."""
        if self.dry_run:
            return None
        if self.drafts_now is None:
            self.drafts_now = self.adapters.drafts.snapshot()
            touched = observe_drafts(self.world.outputs, self.drafts_now)
            with self.store.transaction():
                for key, status in touched.items():
                    self.store.set_output_status(key, status)
                _record_edited_places(self.store, touched, self.drafts_now)
                _follow_moved_drafts(self.store, self.world, self.drafts_now, touched)
        return self.drafts_now

    def drafts(self, plans: list[Plan]) -> None:
        duties = draft_duties(
            plans,
            self.world.outputs,
            key_bases=self.world.key_bases,
            gone=self.world.gone.keys(),
            held=self.world.absence.held,
            grace_hours=self.settings.timeline.grace_hours,
            now=self.now,
        )
        for duty in duties:
            if isinstance(duty, RemoveDraft):
                self._remove_draft(draft_removal(duty.row, self._mailbox()))
            else:
                self._make_drafts(duty.plan, duty.action)

    def _make_drafts(self, plan: Plan, action: Action) -> None:
        specs = unmade(self._compose(plan, action), self.world.outputs)
        for op in draft_writes(specs, self._mailbox() if specs else None):
            if isinstance(op, CreateDraft):
                self.report.drafts_created += 1
                self.report.lines.append(
                    f"create draft {action.type} to {op.spec.to.email} for {plan.interview.title!r}"
                )
            if self.dry_run:
                continue
            if isinstance(op, CreateDraft):
                self.prints.wrote("drafts")
                made = self.adapters.drafts.create(op.spec)
            else:
                made = op.found
            with self.store.transaction():
                self.store.save_output(
                    OutputRow(
                        key=op.spec.key,
                        interview_id=plan.interview.id,
                        action=action.type,
                        kind="draft",
                        recipient=op.spec.to.email,
                        ref=made.ref,
                        fingerprint=made.fingerprint,
                        due=action.due,
                        written_at=self.now,
                        status=LIVE,
                        open_places=self.drafts_mod.open_places(op.spec.body),
                    )
                )
        self.done_now.add((plan.interview.id, action.type))
        if not self.dry_run:
            with self.store.transaction():
                self.store.save_action(plan.interview.id, action.type, "done", action.due, self.now)

    def _compose(self, plan: Plan, action: Action) -> list[DraftSpec]:
        """The action's drafts as written now, keyed, a rejection's thanks in its thread."""
        specs = self.drafts_mod.compose_drafts(
            action, plan.interview, self.settings.user, self.templates, None, self._context(plan)
        )
        specs = list(map(self._keyed(plan.interview.id, action), specs))
        if action.type == "rejection_thanks":
            specs = [_in_thread(spec, reply_rules.rejection(plan.replies)) for spec in specs]
        return specs

    def _keyed(self, iid: str, action: Action) -> Callable[[DraftSpec], DraftSpec]:
        """A draft's key from the interview's key base (older stores kept older ids)."""
        return lambda spec: replace(
            spec,
            key=self.world.key(iid, action.type, "draft", self.drafts_mod.recipient_key(spec.to)),
        )

    def finish(self, plans: list[Plan]) -> list[Plan]:
        """The plans with the drafts made in this cycle shown as done."""
        return [
            replace(
                p,
                actions=tuple(
                    replace(a, state="done") if (p.interview.id, a.type) in self.done_now else a
                    for a in p.actions
                ),
            )
            for p in plans
        ]

    def _remove_draft(self, op: DeleteDraft | None) -> None:
        if op is None:
            return
        row = op.row
        self.report.drafts_removed += 1
        self.report.lines.append(
            f"remove draft {row.action} to {row.recipient} of {row.interview_id}"
        )
        if op.found is None:
            return
        self.prints.wrote("drafts")
        self.adapters.drafts.delete(op.found.ref)
        with self.store.transaction():
            self.store.set_output_status(row.key, REMOVED)

    def record(self, plans: list[Plan]) -> None:
        """Save action states and statuses that changed, for ``status`` and the next cycle."""
        if self.dry_run:
            return
        with self.store.transaction():
            for plan in plans:
                iid = plan.interview.id
                row = self.world.rows.get(iid)
                if row is None or row.status != plan.status:
                    self.store.set_status(iid, plan.status)
                for a in plan.actions:
                    old = self.world.actions.get((iid, a.type))
                    if old is None or old.state != a.state or old.due != a.due:
                        done_at = self.now if a.state == "done" else None
                        self.store.save_action(iid, a.type, a.state, a.due, done_at)
            _remember(self.store, "drafts", self.prints)
