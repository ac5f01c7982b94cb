"""Free-text search and paging of the Observations table, checked against plain Python over
every row of the small demo."""

import re

import pytest
from sqlalchemy import select

from watchdesk.db.engine import Database
from watchdesk.db.models import Observation, WatchGroup
from watchdesk.services import observation_search
from watchdesk.services.observation_search import (
    ObservationFilter,
    count_observations,
    observation_ids,
    observation_page,
)


def _demo_group(db: Database) -> int:
    with db.read() as session:
        return session.scalars(select(WatchGroup.id).where(WatchGroup.is_local)).one()


def _word_prefix_matches(db: Database, group_id: int, terms: list[str]) -> set[int]:
    with db.read() as session:
        rows = session.execute(
            select(
                Observation.id,
                Observation.description,
                Observation.address_text,
                Observation.case_number,
            ).where(Observation.group_id == group_id)
        ).all()
    found = set()
    for row in rows:
        words = re.findall(r"\w+", " ".join(filter(None, row[1:])).lower())
        if all(any(word.startswith(term) for word in words) for term in terms):
            found.add(row.id)
    return found


@pytest.mark.parametrize("threshold", [0, 10**9], ids=["date-index plan", "text-index plan"])
@pytest.mark.parametrize("text", ["smash", "van driveway", "zzzz", "Fir -"])
def test_text_search_finds_word_prefixes_whichever_plan_sqlite_is_given(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, threshold: int, text: str
) -> None:
    monkeypatch.setattr(observation_search, "SPARSE_TEXT_MATCHES", threshold)
    group_id = _demo_group(demo_db)
    terms = [term.lower() for term in text.split() if term.isalnum()]
    expected = _word_prefix_matches(demo_db, group_id, terms)
    where = ObservationFilter(text=text)
    with demo_db.read() as session:
        ids = observation_ids(session, group_id, where)
        assert count_observations(session, group_id, where) == len(ids)
    assert set(ids) == expected
    assert text == "zzzz" or len(expected) > 0


@pytest.mark.parametrize(
    "where",
    [
        ObservationFilter(),
        ObservationFilter(sort="category", descending=False),
        ObservationFilter(category="theft", descending=False),
        ObservationFilter(text="st", sort="category"),
    ],
)
def test_pages_read_from_either_end_match_the_full_ordering(
    demo_db: Database, where: ObservationFilter
) -> None:
    group_id = _demo_group(demo_db)
    with demo_db.read() as session:
        ids = observation_ids(session, group_id, where)
        total = len(ids)
        assert total > 150
        for start in (0, 40, total // 2 - 20, total // 2 + 1, total - 50, total - 1):
            page = observation_page(session, group_id, where, start, 40, total)
            assert [line.id for line in page] == ids[start : start + 40]
