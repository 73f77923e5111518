"""Importer fixtures: the demo column tree (built once per module in a transaction rolled back
afterwards, each test in its own savepoint), the embedded search engine in a temporary file, and
helpers to run the commands and read the corpus in place."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def site(demo_site, db, settings, tmp_path):
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_FALLBACK_TO_EMBEDDED = False
    settings.SEARCH_EMBEDDED_PATH = str(tmp_path / "search.sqlite3")
    return demo_site


class Result:
    def __init__(self, out, err, failed):
        self.out, self.err, self.failed = out, err, failed


def run_import(*args):
    """Run import_documents; returns its output and whether it exited with an error."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_documents", *map(str, args), "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        return Result(out.getvalue(), err.getvalue() + str(error), True)
    return Result(out.getvalue(), err.getvalue(), False)


def run_export(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_documents", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def read_corpus_lines(path, numbers):
    """The corpus records at the given 0-based line numbers, read in place."""
    wanted, found = set(numbers), {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number in wanted:
                found[number] = json.loads(line)
            if len(found) == len(wanted):
                break
    return [found[n] for n in numbers]


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path
