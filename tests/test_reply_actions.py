"""What each kind of reply does to a plan (rules section 5), on the pure planner.

Acme's interview is Tue 1 Dec 2026, 14:00-15:00 New York; with nothing stated the first
check-in is Fri 11 Dec 10:00 (end + 10 days), the second 25 Dec -> Mon 28 Dec.
"""

from __future__ import annotations

from datetime import date, datetime

from daemon.model import History, Person, Reply
from daemon.replies import describe
from tests.test_planner import NY, SAM, action, due, make_interview, plan

READ = datetime(2026, 12, 3, 12, 0, tzinfo=NY)


def reply(category: str, **kw: object) -> Reply:
    base: dict[str, object] = {
        "ref": f"m-{category}",
        "received": datetime(2026, 12, 3, 10, 15, tzinfo=NY),
        "category": category,
        "cue": "text: 'x'",
        "sender": SAM,
        "read_at": READ,
        "subject": "Update",
        "message_id": "<m1@acme.com>",
    }
    base.update(kw)
    return Reply(**base)  # type: ignore[arg-type]


def test_nothing_read_keeps_the_default_dates() -> None:
    p = plan()
    assert due(p, "check_in_1") == "2026-12-11T10:00:00-05:00"
    assert all(a.type != "info_request" for a in p.actions)


def test_out_of_office_holds_the_next_check_in_until_a_business_day_after_its_return() -> None:
    away = reply("auto_reply", until=date(2026, 12, 18))  # Friday
    p = plan(history=History(replies=(away,)), now=READ)
    assert p.status == "active"
    assert due(p, "check_in_1") == "2026-12-21T10:00:00-05:00"  # Monday
    assert action(p, "check_in_1").state == "planned"
    early = reply("auto_reply", until=date(2026, 12, 4))
    assert due(plan(history=History(replies=(early,))), "check_in_1") == (
        "2026-12-11T10:00:00-05:00"  # already after the return: unchanged
    )


def test_out_of_office_after_the_first_check_in_holds_the_second() -> None:
    done = {"check_in_1": datetime(2026, 12, 11, 10, tzinfo=NY)}
    away = reply("auto_reply", until=date(2027, 1, 8))
    p = plan(history=History(replies=(away,), done=done), now=READ)
    assert due(p, "check_in_1") == "2026-12-11T10:00:00-05:00"
    assert due(p, "check_in_2") == "2027-01-11T10:00:00-05:00"


def test_a_delay_sets_the_stated_timeline_but_the_command_wins() -> None:
    late = reply("delay", new_date=date(2026, 12, 17))
    p = plan(history=History(replies=(late,)), now=READ)
    assert p.stated_timeline == date(2026, 12, 17)
    assert due(p, "check_in_1") == "2026-12-18T10:00:00-05:00"
    assert p.status == "active"
    mine = plan(history=History(replies=(late,), timeline_command="2026-12-09"), now=READ)
    assert mine.stated_timeline == date(2026, 12, 9)
    debrief = plan(history=History(replies=(late,), timeline_debrief="Dec 9"), now=READ)
    assert debrief.stated_timeline == date(2026, 12, 17)  # the newer word wins


def test_an_information_request_adds_a_reminder_now_naming_what_was_asked() -> None:
    ask = reply("info_request", asked="references")
    p = plan(history=History(replies=(ask,), replied_at=ask.received), now=READ)
    request = action(p, "info_request")
    assert request.due == READ and request.state == "planned"
    assert request.outputs == ("calendar",)
    assert request.detail == "They asked for references: Sam Recruiter, Thu 03 Dec."
    assert action(p, "check_in_1").state == "cancelled"


def test_a_rejection_thank_you_answers_in_the_thread() -> None:
    no = reply("rejection", subject="An update on your application")
    p = plan(history=History(replies=(no,), outcome="rejected", outcome_at=READ), now=READ)
    thanks = action(p, "rejection_thanks")
    assert thanks.subject == "Re: An update on your application"
    assert thanks.due.isoformat() == "2026-12-04T10:00:00-05:00"
    plain = plan(history=History(outcome="rejected", outcome_at=READ), now=READ)
    assert action(plain, "rejection_thanks").subject == (
        "Thank you for considering me for the Senior Developer role"
    )


def test_describe_says_who_when_and_what() -> None:
    no = reply("rejection")
    assert describe(no, "Acme", NY) == "Acme replied 3 Dec: rejection, from Sam Recruiter"
    away = reply("auto_reply", sender=Person(None, "jane@acme.com"), until=date(2026, 12, 14))
    assert describe(away, None, NY) == (
        "The company replied 3 Dec: auto_reply, from jane@acme.com; away until Mon 14 Dec"
    )
    assert make_interview().company == "Acme"
