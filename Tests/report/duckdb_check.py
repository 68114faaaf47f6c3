#!/usr/bin/env python3
"""Checks that `amends report --view principles --format csv` agrees with DuckDB.

Generates logs with `amends simulate`, runs the report, runs the query of docs/log-format.md
over the same files, and compares every principle's counts (exactly) and good rate (to four
decimals). Installs duckdb with pip when it is missing; exits 0 with a SKIP line when it
cannot be installed.

    AMENDS_BIN=.build/debug/amends python3 Tests/report/duckdb_check.py
"""
import csv
import io
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("AMENDS_BIN", str(ROOT / ".build/debug/amends"))


def load_duckdb():
    try:
        import duckdb  # noqa: F401
        return duckdb
    except ImportError:
        pass
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb==2.0.1"], capture_output=True, text=True)
    if install.returncode != 0:
        return None
    try:
        import duckdb
        return duckdb
    except ImportError:
        return None


def query_from_docs():
    """The worked example's SQL, taken from the doc so the doc cannot drift from the test."""
    text = (ROOT / "docs/log-format.md").read_text()
    start = text.index("```sql\n") + len("```sql\n")
    return text[start:text.index("```", start)]


def main():
    duckdb = load_duckdb()
    if duckdb is None:
        print("SKIP: duckdb is not installed and `pip install duckdb` failed; nothing checked")
        return 0
    if not os.access(BIN, os.X_OK):
        print(f"error: no amends binary at {BIN}; build it or set AMENDS_BIN", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as data:
        common = ["--data-dir", data, "--library", str(ROOT)]
        subprocess.run([BIN, "simulate", "--users", "12", "--attempts", "15", "--seed", "2024"] + common, check=True, capture_output=True)
        report = subprocess.run([BIN, "report", "--view", "principles", "--format", "csv"] + common, check=True, capture_output=True, text=True)
        ours = {row["principle"]: row for row in csv.DictReader(io.StringIO(report.stdout, newline=""))}
        sql = query_from_docs().replace("'data/users/*/attempts.jsonl'", "'" + data + "/users/*/attempts.jsonl'")
        con = duckdb.connect()
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        theirs = {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}
    failures = []
    checked = 0
    for principle, row in ours.items():
        other = theirs.get(principle)
        applicable = int(row["applicable"])
        if other is None:
            if applicable != 0:
                failures.append(f"{principle}: DuckDB has no row, amends counts {applicable}")
            continue
        for key in ["applicable", "met", "missed", "violated", "avoided"]:
            if int(row[key]) != int(other[key]):
                failures.append(f"{principle}: {key} amends {row[key]} DuckDB {other[key]}")
        if applicable and abs(float(row["good_rate"]) - float(other["good_rate"])) > 0.00005:
            failures.append(f"{principle}: good_rate amends {row['good_rate']} DuckDB {other['good_rate']}")
        checked += 1
    extra = set(theirs) - set(ours)
    if extra:
        failures.append(f"DuckDB has principles amends does not report: {sorted(extra)}")
    for failure in failures:
        print("FAIL:", failure)
    total = sum(int(r["applicable"]) for r in ours.values())
    print(f"duckdb_check: {checked} principles compared over {total} applicable verdicts")
    print(f"{checked} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
