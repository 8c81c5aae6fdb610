"""Moving a reader's progress between the static site and a kernel.

Both sides record the same facts: which self-check question or exercise, graded how, and when. The
site keeps them in the browser's storage as a list of ``{kind, id, status, at}`` entries; a kernel
keeps them in the progress file (``progress``). A *history file* carries that list::

    {"format": "interview-book/history/v1", "entries": [{"kind": "question", "id": "...", ...}]}

The progress page of the site saves one and adds one to the browser; in a terminal or a kernel::

    python -m interview_book.transfer export history.json   # the progress file as a history file
    python -m interview_book.transfer import history.json   # add a history file to the progress file

Adding is idempotent: an entry already recorded (same kind, id, status and moment) is not added
again, so files can go back and forth. Entries that cannot be read, and ids the book no longer
has, are counted and skipped; nothing already recorded is changed.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import progress, review

FORMAT = "interview-book/history/v1"
# kind -> (list in the progress file, its id field, its time field)
_FIELDS = {"question": ("answers", "question", "answered_at"), "exercise": ("exercises", "exercise", "checked_at")}


class HistoryFileError(ValueError):
    """A file that is not a history file; the message says what is wrong with it."""


@dataclass(frozen=True)
class Merge:
    added: int
    present: int  # already recorded
    skipped: int  # unreadable, or an id the book no longer has


def _moment(stamp: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(stamp)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def _readable(entry: object) -> bool:
    return (isinstance(entry, dict) and entry.get("kind") in review.RIGHT and isinstance(entry.get("id"), str)
            and entry.get("status") in review.RIGHT[entry["kind"]] and _moment(entry.get("at")) is not None)


def history_of(record: dict) -> list[dict]:
    """The progress record's graded entries as history entries, oldest first (unreadable ones left out)."""
    entries = []
    for kind, (field, id_field, stamp_field) in _FIELDS.items():
        for item in record.get(field, []):
            if isinstance(item, dict):
                entry = {"kind": kind, "id": item.get(id_field), "status": item.get("status"), "at": item.get(stamp_field)}
                if _readable(entry):
                    entries.append(entry)
    return sorted(entries, key=lambda entry: _moment(entry["at"]))


def merge(record: dict, entries: list, cards=None) -> Merge:
    """Add to ``record`` (in place) the history entries it does not hold yet."""
    chapter_of = {card.key: card.chapter for card in (review.deck() if cards is None else cards)}
    seen = {(e["kind"], e["id"], e["status"], _moment(e["at"])) for e in history_of(record)}
    added = present = skipped = 0
    for entry in entries:
        if not _readable(entry) or (entry["kind"], entry["id"]) not in chapter_of:
            skipped += 1
            continue
        key = (entry["kind"], entry["id"], entry["status"], _moment(entry["at"]))
        if key in seen:
            present += 1
            continue
        seen.add(key)
        field, id_field, stamp_field = _FIELDS[entry["kind"]]
        item = {id_field: entry["id"], "chapter": chapter_of[entry["kind"], entry["id"]], "status": entry["status"],
                stamp_field: entry["at"]}  # the time as written, so that a round trip finds it again
        item.update({"response": None} if entry["kind"] == "question" else {"passed": None, "total": None})
        record.setdefault(field, []).append(item)
        added += 1
    return Merge(added, present, skipped)


def read_history_file(path: Path) -> list:
    """The entries of a history file; HistoryFileError says why a file is not one."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except OSError as error:
        raise HistoryFileError(f"{path} could not be read: {error.strerror or error}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HistoryFileError(f"{path} is not JSON ({error}); nothing was added.") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), list):
        raise HistoryFileError(f"{path} is JSON but not a history file of this book (its \"format\" must be "
                               f"{FORMAT!r}, with a list of \"entries\"); nothing was added.")
    return data["entries"]


def export(target: Path, progress_file: Path | None = None) -> int:
    """Write the progress file's history to ``target``; returns how many entries it holds."""
    entries = history_of(progress.load(progress_file))
    Path(target).write_text(json.dumps({"format": FORMAT, "entries": entries}, indent=1) + "\n", "utf-8")
    return len(entries)


def import_file(source: Path, progress_file: Path | None = None) -> Merge:
    """Add a history file's entries to the progress file (written only when something was added)."""
    entries = read_history_file(source)
    record = progress.load(progress_file)
    result = merge(record, entries)
    if result.added:
        progress.save(record, progress_file)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m interview_book.transfer",
                                     description="Move progress between the book's site and its notebooks.")
    parser.add_argument("action", choices=("export", "import"),
                        help="export: write the progress file as a history file; import: add a history file to it")
    parser.add_argument("file", type=Path, help="the history file")
    args = parser.parse_args(argv)
    if args.action == "export":
        count = export(args.file)
        print(f"Wrote {count} answers and exercise runs to {args.file}; add it on the site's progress page.")
        return 0
    try:
        result = import_file(args.file)
    except HistoryFileError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Added {result.added} answers and exercise runs to {progress.progress_path()}; "
          f"{result.present} were already there, {result.skipped} could not be read or are no longer in the book.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
