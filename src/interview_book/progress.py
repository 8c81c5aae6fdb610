"""A local record of every self-check answer and exercise run given in a kernel.

The file is JSON, written atomically (temporary file, then rename). Its location is
``$INTERVIEW_BOOK_PROGRESS`` if set, else ``interview-book/progress.json`` under
``$XDG_DATA_HOME`` (default ``~/.local/share``). A file that cannot be read is moved aside,
with a warning naming the new location, and a fresh record is started.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path

ENV_VAR = "INTERVIEW_BOOK_PROGRESS"
FORMAT_VERSION = 1


class ProgressFileWarning(UserWarning):
    """The progress file was unreadable and has been moved aside."""


def progress_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(data_home):          # the XDG spec: a relative value is ignored
        data_home = Path.home() / ".local" / "share"
    return Path(data_home) / "interview-book" / "progress.json"


def _fresh() -> dict:
    return {"version": FORMAT_VERSION, "answers": []}


def _is_valid(record: object) -> bool:
    return (
        isinstance(record, dict)
        and record.get("version") == FORMAT_VERSION
        and isinstance(record.get("answers"), list)
        and all(isinstance(answer, dict) for answer in record["answers"])
        and isinstance(record.get("exercises", []), list)
        and all(isinstance(attempt, dict) for attempt in record.get("exercises", []))
    )


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    path.rename(target)
    return target


def load(path: Path | None = None) -> dict:
    """The record at ``path``; an unreadable file is moved aside and an empty record returned."""
    path = path or progress_path()
    try:
        record = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return _fresh()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        record = None
    if _is_valid(record):
        return record
    kept = _move_aside(path)
    warnings.warn(
        f"The progress file {path} could not be read; it was kept as {kept} and a new one started.",
        ProgressFileWarning,
        stacklevel=2,
    )
    return _fresh()


def save(record: dict, path: Path | None = None) -> None:
    """Write ``record`` atomically: readers see the old file or the new one, never half of one."""
    path = path or progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(record, stream, indent=1, sort_keys=True)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):        # make the rename itself durable (POSIX)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def record_answer(question_id: str, chapter: int, response: object, status: str, path: Path | None = None,
                  at: datetime | None = None) -> None:
    """Append one graded answer to the progress file (``at``: its time, aware; default now)."""
    record = load(path)
    record["answers"].append(
        {
            "question": question_id,
            "chapter": chapter,
            "response": response,
            "status": status,
            "answered_at": _now() if at is None else at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        }
    )
    save(record, path)


def record_exercise(exercise_id: str, chapter: int, passed: int, total: int, solved: bool,
                    path: Path | None = None) -> None:
    """Append one run of an exercise's tests to the progress file."""
    record = load(path)
    record.setdefault("exercises", []).append(
        {"exercise": exercise_id, "chapter": chapter, "passed": passed, "total": total,
         "status": "solved" if solved else "attempted", "checked_at": _now()}
    )
    save(record, path)
