"""Crashes and concurrency through the real entry point: a roster import and demo generation
killed (SIGKILL) at random moments leave a whole file holding all or none of the work; two
processes committing many small transactions both finish; the CLI writes while another
program holds the write lock, and says how long it waited."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from watchdesk.db.opening import open_database

KILLS = 6
ROSTER_ROWS = 3_000


def _watchdesk(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "watchdesk", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_after(process: subprocess.Popen[bytes], delay: float) -> None:
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _whole(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)  # a hot journal is rolled back here
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    return connection


def _delays(seed: int, low: float, high: float) -> list[float]:
    chosen = random.Random(seed)
    return sorted(chosen.uniform(low, high) for _ in range(KILLS))


def test_a_killed_roster_import_is_all_or_nothing(demo_template: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    lines = ["Name,E-mail,Block"]
    lines += [f'"Crash{n:05d}, Kim",kim{n}@example.org,Block {n % 40}' for n in range(ROSTER_ROWS)]
    roster.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    with sqlite3.connect(demo_template) as connection:
        before = connection.execute("SELECT count(*) FROM member").fetchone()[0]
    # Kills spread over the time a whole import takes on this machine (start-up included),
    # so some land inside the write however fast or slow the machine is.
    whole = tmp_path / "whole.sqlite"
    shutil.copy(demo_template, whole)
    started = time.monotonic()
    assert _watchdesk("--db", str(whole), "import", "roster", str(roster)).wait() == 0
    took = time.monotonic() - started
    outcomes = set()
    for n, delay in enumerate(_delays(8, 0.4 * took, 1.1 * took)):
        database = tmp_path / f"watch{n}.sqlite"
        shutil.copy(demo_template, database)
        _kill_after(_watchdesk("--db", str(database), "import", "roster", str(roster)), delay)
        with _whole(database) as connection:
            members = connection.execute("SELECT count(*) FROM member").fetchone()[0]
        assert members in (before, before + ROSTER_ROWS), (delay, members)
        outcomes.add(members)
    assert before in outcomes  # at least one kill landed before the commit


def test_killed_demo_generation_leaves_an_empty_file_or_the_whole_demo(tmp_path: Path) -> None:
    finished = tmp_path / "finished.sqlite"
    assert _watchdesk("--db", str(finished), "demo", "--as-of", "2026-11-21").wait() == 0
    with sqlite3.connect(finished) as connection:
        whole = connection.execute("SELECT count(*) FROM observation").fetchone()[0]
    for n, delay in enumerate(_delays(9, 0.3, 1.6)):
        database = tmp_path / f"demo{n}.sqlite"
        process = _watchdesk("--db", str(database), "demo", "--as-of", "2026-11-21")
        _kill_after(process, delay)
        if not database.exists():
            continue  # killed before the file was created
        with _whole(database) as connection:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            count = (
                connection.execute("SELECT count(*) FROM observation").fetchone()[0]
                if "observation" in tables
                else 0
            )
        assert count in (0, whole), (delay, count)


WRITER = """
import sys
from pathlib import Path
from sqlalchemy import text
from watchdesk.db.opening import open_database
db, _ = open_database(Path(sys.argv[1]), create=False)
first_position = 1_000_000 * (1 + ["first", "second"].index(sys.argv[2]))  # never the same
for n in range(int(sys.argv[3])):
    with db.write() as session:
        session.execute(text("UPDATE watch_group SET beat = :b"), {"b": f"{sys.argv[2]} {n}"})
        session.execute(text("INSERT INTO agenda_item (uuid, created_at, updated_at, group_id, "
            "meeting_id, position, title) SELECT lower(hex(randomblob(16))), created_at, "
            "updated_at, group_id, meeting_id, :p, :t FROM agenda_item LIMIT 1"),
            {"p": first_position + n, "t": sys.argv[2]})
db.dispose()
print("done")
"""


def test_two_processes_committing_many_small_transactions_both_finish(
    demo_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "watch.sqlite"
    shutil.copy(demo_template, database)
    each = 300
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(database), name, str(each)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0 and out.strip() == "done", err
    with _whole(database) as connection:
        counts = dict(
            connection.execute(
                "SELECT title, count(*) FROM agenda_item WHERE title IN ('first', 'second') "
                "GROUP BY title"
            ).fetchall()
        )
    assert counts == {"first": each, "second": each}


@pytest.mark.parametrize("held", [1.5])
def test_the_cli_writes_while_the_app_holds_the_write_lock_and_says_it_waited(
    held: float, demo_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "watch.sqlite"
    shutil.copy(demo_template, database)
    roster = tmp_path / "roster.csv"
    roster.write_text('Name,E-mail\r\n"Lee, Kim",kim@example.org\r\n', encoding="utf-8")
    app_db, _ = open_database(database, create=False)
    locked = threading.Event()

    backups = tmp_path / "watch-backups"

    def app_saving_slowly() -> None:
        with app_db.write() as session:
            session.execute(text("UPDATE watch_group SET beat = 'Beat 23'"))
            locked.set()
            # Hold the write lock until the CLI has started (a slow machine may take longer
            # than ``held`` to start Python): its backup before the import only reads, so it
            # goes ahead; its write then has to wait for this one.
            deadline = time.monotonic() + 60
            while not list(backups.glob("*.sqlite")) and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(held)

    saving = threading.Thread(target=app_saving_slowly)
    saving.start()
    assert locked.wait(10)
    result = subprocess.run(
        [sys.executable, "-m", "watchdesk", "--db", str(database), "import", "roster", str(roster)],
        capture_output=True,
        text=True,
        timeout=90,
    )
    saving.join()
    assert list(backups.glob("*before-import.sqlite"))
    app_db.dispose()
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stdout
    assert "waited" in result.stderr and "for another program to finish writing" in result.stderr
    with _whole(database) as connection:
        assert connection.execute("SELECT beat FROM watch_group").fetchone() == ("Beat 23",)
