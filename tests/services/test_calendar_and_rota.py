"""The iCalendar feed and the printed rota, read back with icalendar and pypdf."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.pdf import pdf_text
from watchdesk.core.entities import BlockInput, MemberInput, ShiftDraft
from watchdesk.core.recurrence import weekday_mask
from watchdesk.db.engine import Database
from watchdesk.ops import reports
from watchdesk.services import groups, members, patrols
from watchdesk.services.calendar_feed import schedule_calendar
from watchdesk.services.errors import NotFoundError

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)


@pytest.fixture
def rota(db: Database, group_id: int) -> dict[str, object]:
    """Fridays 20:00-23:00 on Block 1 from Oct 23 to Nov 13 (across the end of DST), with
    Ana and Ben on the first and Ana alone on the second."""
    with db.write() as session:
        block = groups.create_block(session, group_id, BlockInput(name="Block 1")).id
        ids = patrols.create_shifts(
            session,
            group_id,
            ShiftDraft(
                dt.date(2026, 10, 23),
                dt.time(20),
                dt.time(23),
                block_id=block,
                repeat_weekdays=weekday_mask([4]),
                repeat_until=dt.date(2026, 11, 13),
            ),
        )
        people = {}
        for given, email, role, consent in (
            ("Ana", "ana@example.org", "patroller", False),
            ("Ben", "ben@example.org", "patroller", False),
            ("Cleo", "cleo@example.org", "coordinator", True),
        ):
            people[given] = members.add_member(
                session,
                group_id,
                MemberInput(
                    given_name=given,
                    family_name="Ortiz",
                    email=email,
                    role=role,
                    phone_mobile="(503) 555-0199" if given == "Cleo" else "(503) 555-0111",
                    consent_printed_roster=consent,
                ),
            ).id
        patrols.assign_member(session, ids[0], people["Ana"])
        patrols.assign_member(session, ids[0], people["Ben"])
        patrols.assign_member(session, ids[1], people["Ana"])
    return {"ids": ids, "people": people}


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return Calendar.from_ical(data).walk("VEVENT")


def test_ics_has_one_event_per_shift_in_local_time_with_stable_uids(
    db: Database, group_id: int, rota: dict[str, object]
) -> None:
    first, last = dt.date(2026, 10, 1), dt.date(2026, 11, 30)
    with db.read() as session:
        data = schedule_calendar(session, group_id, first, last, NOW)
        again = schedule_calendar(session, group_id, first, last, NOW + dt.timedelta(days=3))
    found = events(data)
    assert len(found) == 4
    starts = [e.decoded("dtstart") for e in found]
    assert [s.astimezone(NY).strftime("%m-%d %H:%M") for s in starts] == [
        "10-23 20:00",
        "10-30 20:00",
        "11-06 20:00",
        "11-13 20:00",
    ]
    assert [s.astimezone(dt.UTC).hour for s in starts] == [0, 0, 1, 1]
    assert all(str(e["dtstart"].params["TZID"]) == "America/New_York" for e in found)
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:America/New_York" in data
    assert [str(e["uid"]) for e in found] == [str(e["uid"]) for e in events(again)]
    assert len({str(e["uid"]) for e in found}) == 4
    assert all(e.get("dtstamp") for e in found)
    assert str(found[0]["summary"]) == "Patrol: Block 1"
    description = str(found[0]["description"])
    assert "Partners: Ana Ortiz, Ben Ortiz" in description
    # The coordinator consented to hand out their number.
    assert "Coordinator: Cleo Ortiz, (503) 555-0199" in description
    assert "555-0111" not in data.decode()


def test_ics_for_one_member_and_consent_withheld(
    db: Database, group_id: int, rota: dict[str, object]
) -> None:
    from watchdesk.db.models import Member

    people = rota["people"]
    assert isinstance(people, dict)
    with db.write() as session:
        cleo = session.get(Member, people["Cleo"])
        assert cleo is not None
        cleo.consent_printed_roster = False
    with db.read() as session:
        data = schedule_calendar(
            session, group_id, dt.date(2026, 10, 1), dt.date(2026, 11, 30), NOW, "ANA@example.org"
        )
        with pytest.raises(NotFoundError, match=r"no member with the email x@y\.org"):
            schedule_calendar(
                session, group_id, dt.date(2026, 10, 1), dt.date(2026, 11, 30), NOW, "x@y.org"
            )
    found = events(data)
    assert len(found) == 2
    assert "Partners: Ben Ortiz" in str(found[0]["description"])
    assert "Partners: none assigned yet" in str(found[1]["description"])
    assert "Coordinator: Cleo Ortiz" in str(found[0]["description"])
    assert "555-0199" not in data.decode()


def test_rota_pdf_one_week_per_page_with_gaps_marked(
    db: Database, group_id: int, rota: dict[str, object], tmp_path: Path
) -> None:
    target = reports.build_rota(
        db, group_id, dt.date(2026, 10, 19), dt.date(2026, 11, 15), tmp_path / "rota.pdf"
    )
    pages = pdf_text(target)
    assert len(pages) == 4
    assert "Week of Oct 19 – 25, 2026" in pages[0]
    assert "Mon, Oct 19" not in pages[0] and "Fri, Oct 23" in pages[0]
    assert "Ana Ortiz, Ben Ortiz" in pages[0] and "2 of 2" in pages[0]
    assert "Ana Ortiz" in pages[1] and "NEEDS 1 MORE" in pages[1]
    assert "UNCOVERED" in pages[2] and "UNCOVERED" in pages[3]
    assert "8:00 PM–11:00 PM" in pages[2]  # still 8 PM after the clocks went back
    assert all("Page" in p and "of 4" in p for p in pages)
