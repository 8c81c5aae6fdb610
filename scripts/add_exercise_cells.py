"""Give each exercise of a chapter its cells in the chapter's notebook, where they are missing.

    python scripts/add_exercise_cells.py notebooks/11_data_structures_algorithms.ipynb [...]

An exercise gets three cells at the end of its sub-topic's part, after the part's self-check
and any exercise already there: a `### Exercise: <title>` heading, `exercises.show("<id>")`
(tagged `remove-input`), and the practice cell, which holds the starter code and ends with
`exercises.check(...)` (tagged `remove-cell`: the site shows its own editor instead). The
chapter's import line gains `exercises`. Run `scripts/run_notebook.py` afterwards.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

from interview_book import exercises, syllabus

IMPORT_LINE = re.compile(r"^from interview_book import (.+)$", re.MULTILINE)


def practice_source(exercise: exercises.Exercise) -> str:
    if exercise.kind == "sql":
        return f'query = """\n{exercise.starter.rstrip()}\n"""\n\nexercises.check("{exercise.id}", query)'
    return f'{exercise.starter.rstrip()}\n\n\nexercises.check("{exercise.id}", {exercise.entry})'


def exercise_cells(exercise: exercises.Exercise) -> list:
    return [
        nbformat.v4.new_markdown_cell(f"### Exercise: {exercise.title}"),
        nbformat.v4.new_code_cell(f'exercises.show("{exercise.id}")', metadata={"tags": ["remove-input"]}),
        nbformat.v4.new_code_cell(practice_source(exercise), metadata={"tags": ["remove-cell"]}),
    ]


def _import_exercises(notebook) -> None:
    for cell in notebook.cells:
        match = IMPORT_LINE.search(cell.source) if cell.cell_type == "code" else None
        if match:
            names = sorted({*match.group(1).split(", "), "exercises"})
            cell.source = IMPORT_LINE.sub(f"from interview_book import {', '.join(names)}", cell.source, count=1)
            return
    raise SystemExit("the notebook has no `from interview_book import ...` line")


def _end_of_part(notebook, chapter: int, topic: str) -> int:
    """The index after the last cell that belongs to the sub-topic's self-check or exercises."""
    marker = f'selfcheck.show({chapter}, "{topic}")'
    start = next(i for i, cell in enumerate(notebook.cells) if marker in cell.source)
    end = start + 1
    while end < len(notebook.cells) and not notebook.cells[end].source.startswith("## "):
        end += 1
    return end


def add_cells(path: Path) -> int:
    notebook = nbformat.read(path, as_version=4)
    chapter = int(path.stem[:2])
    present = "\n".join(cell.source for cell in notebook.cells)
    missing = [e for e in exercises.load(chapter) if f'exercises.show("{e.id}")' not in present]
    for exercise in missing:
        syllabus.section(chapter).subtopic(exercise.topic)  # fails loudly on an unknown sub-topic
        where = _end_of_part(notebook, chapter, exercise.topic)
        notebook.cells[where:where] = exercise_cells(exercise)
    if missing:
        _import_exercises(notebook)
        nbformat.write(notebook, path)
    return len(missing)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for argument in sys.argv[1:]:
        print(f"{argument}: added {add_cells(Path(argument))} exercise(s)")
