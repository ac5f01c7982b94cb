"""Roster, phone tree and sign-in PDFs: opened and their text checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.pdf import pdf_text
from watchdesk.core.entities import BlockInput, CourseInput, MemberInput
from watchdesk.core.progress import Cancelled, CancelToken, SilentProgress
from watchdesk.db.engine import Database
from watchdesk.ops import reports
from watchdesk.services import groups, members, training
from watchdesk.services.phone_trees import trees_for_group


@pytest.fixture
def roster(db: Database, group_id: int) -> dict[str, int]:
    ids: dict[str, int] = {}
    with db.write() as session:
        north = groups.create_block(session, group_id, BlockInput(name="North block"))
        south = groups.create_block(session, group_id, BlockInput(name="South block"))
        ids["north"], ids["south"] = north.id, south.id
        for given, family, block, consent in (
            ("Ann", "O'Brien & Sons <Block 4>", north.id, True),
            ("Zoë", "Nguyễn", north.id, True),
            ("Secret", "Person", north.id, False),
            ("Bo", '<img src="http://example.com/x.png"/>', south.id, True),
            ("Cy", "Cole", south.id, True),
        ):
            ids[given] = members.add_member(
                session,
                group_id,
                MemberInput(
                    given_name=given,
                    family_name=family,
                    role="block_captain" if given in ("Ann", "Cy") else "member",
                    phone_mobile="503-555-0142",
                    email=f"{given.lower()}@example.org" if given != "Zoë" else "zoe@example.org",
                    block_id=block,
                    consent_printed_roster=consent,
                    consent_phone_tree=consent,
                ),
            ).id
    return ids


def test_roster_obeys_consent_and_prints_names_literally(
    db: Database, group_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    target = reports.build_roster(db, group_id, tmp_path / "roster.pdf")
    pages = pdf_text(target)
    whole = "\n".join(pages)
    assert "O'Brien & Sons <Block 4>, Ann" in whole
    assert "Nguyễn, Zoë" in whole
    # A long "word" wraps inside its cell, so compare without spaces.
    assert '<imgsrc="http://example.com/x.png"/>,Bo' in whole.replace(" ", "")
    assert "Secret" not in whole and "Person" not in whole
    assert "North block (2)" in whole and "South block (2)" in whole
    assert "(503) 555-0142" in whole and "ann@example.org" in whole
    assert "1 member not listed: no consent to a printed roster" in whole
    assert pages[0].count("Page 1 of 1") == 1


def test_phone_tree_one_block_per_page(
    db: Database, group_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    target = reports.build_phone_trees(db, group_id, tmp_path / "trees.pdf", fan_out=3)
    pages = pdf_text(target)
    assert len(pages) == 2
    assert "North block" in pages[0] and "South block" in pages[1]
    assert "Starts with: Ann O'Brien & Sons <Block 4>, (503) 555-0142" in pages[0]
    assert "Zoë Nguyễn" in pages[0] and "Secret" not in pages[0]
    assert "Starts with: Cy Cole" in pages[1]
    assert "Page 2 of 2" in pages[1]
    with db.read() as session:
        trees = trees_for_group(session, group_id)
    assert [len(t.lines) for t in trees] == [1, 1]


def test_sign_in_sheet_lists_enrolled_names_and_blank_lines(
    db: Database, group_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    with db.write() as session:
        course = training.add_course(session, group_id, CourseInput(title="Patrol safety"))
        held = training.schedule_training_session(
            session,
            course.id,
            dt.datetime(2026, 12, 3, 2, 30, tzinfo=dt.UTC),
            location="Community Hall",
            instructor="Officer Dana Whitfield",
            capacity=6,
        )
        training.enroll(session, held, [roster["Ann"], roster["Cy"]])
    text = "\n".join(pdf_text(reports.build_sign_in_sheet(db, held, tmp_path / "signin.pdf")))
    assert "Sign-in: Patrol safety" in text
    assert "Community Hall" in text and "Instructor: Officer Dana Whitfield" in text
    assert "O'Brien & Sons <Block 4>, Ann" in text and "Cole, Cy" in text
    assert "Zoë" not in text  # not enrolled
    assert "Signature" in text


def test_a_cancelled_report_leaves_no_file(
    db: Database, group_id: int, roster: dict[str, int], tmp_path: Path
) -> None:
    token = CancelToken()
    token.cancel()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        reports.build_roster(db, group_id, out / "roster.pdf", SilentProgress(token))
    assert list(out.iterdir()) == []
