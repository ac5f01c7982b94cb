"""The single-observation report: a filled-in suspicious activity report, read back from the
PDF, with the reporter named only with consent."""

import datetime as dt
from pathlib import Path

import pytest

from tests.pdf import pdf_text
from watchdesk.core.descriptors import FollowUpInput, PersonSeen, VehicleSeen
from watchdesk.core.entities import MemberInput, ObservationInput
from watchdesk.db.engine import Database
from watchdesk.ops.reports import build_observation_report
from watchdesk.services.errors import NotFoundError
from watchdesk.services.members import add_member
from watchdesk.services.observations import record_observation

WHEN = dt.datetime(2026, 11, 20, 3, 41, tzinfo=dt.UTC)


def _record(db: Database, group_id: int, consent: bool) -> str:
    with db.write() as session:
        reporter = add_member(
            session, group_id, MemberInput("Ana", "Lopez", consent_named_in_reports=consent)
        ).id
        return record_observation(
            session,
            group_id,
            ObservationInput(
                occurred_at=WHEN,
                category="suspicious_vehicle",
                description="<b>Van</b> & driver photographing porches",
                address_text="3300 block SE Belmont St",
                latitude=45.516529,
                longitude=-122.637722,
                reporter_member_id=reporter,
                status="reported",
                police_contact="non_emergency",
                police_contacted_at=WHEN + dt.timedelta(minutes=20),
                case_number="26-901234",
                people=(PersonSeen(sex="Male", height_min_in=70, clothing_top="red hoodie"),),
                vehicles=(
                    VehicleSeen(colour="White", make="Ford", model="Transit", plate="7kx?23"),
                ),
                follow_ups=(FollowUpInput("Ask the Lees for doorbell video"),),
            ),
        ).uuid


@pytest.mark.parametrize("consent", [True, False])
def test_the_report_reads_as_a_filled_in_form(
    db: Database, group_id: int, tmp_path: Path, consent: bool
) -> None:
    uuid = _record(db, group_id, consent)
    target = build_observation_report(db, uuid.upper(), tmp_path / "sar.pdf")
    pages = pdf_text(target)
    assert len(pages) == 1
    page = pages[0]
    for expected in (
        "Suspicious activity report",
        uuid,
        "Suspicious vehicle",
        "3300 block SE Belmont St",
        "<b>Van</b> & driver photographing porches",  # printed as typed
        "5'10\"–6'0\"",
        "red hoodie",
        "7KX?23",
        "Non-emergency line",
        "26-901234",
        "Ask the Lees for doorbell video",
        "not seen before in the last 30 days",
        "Prepared by",
    ):
        assert expected in page, expected
    # When it happened, in the group's zone (New York) and the one date style.
    assert "Thu, Nov 19, 2026, 10:41 PM EST" in page and "UTC" not in page
    assert ("Ana Lopez" in page) is consent
    assert ("Withheld" in page) is not consent


def test_an_unknown_id_is_a_clear_error_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "none.pdf"
    with pytest.raises(NotFoundError, match="no observation with the id 0000"):
        build_observation_report(db, "0000", target)
    assert not target.exists() and not list(tmp_path.glob(".none.pdf*"))
