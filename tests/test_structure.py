"""The book's structure: table of contents, notebooks, tags, sub-topic coverage and syllabus page."""
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from interview_book import exercises, questions, syllabus

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WRITTEN = [section for section in syllabus.sections() if section.notebook]
DOCUMENTED_TAGS = {"raises-exception", "nbval-ignore-output", "hide-input", "remove-input", "hide-output", "remove-cell"}


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code" and "".join(cell["source"]).strip()]


def test_required_top_level_exists():
    for name in ("book", "notebooks", "_config.yml", "_toc.yml", "requirements.txt", "tests",
                 "README.md", "pyproject.toml", "apt.txt", ".ci/run"):
        assert (ROOT / name).exists(), name


def test_toc_lists_exactly_the_existing_pages():
    listed = toc_files()
    for entry in listed:
        assert [p for p in ROOT.glob(entry + ".*") if p.suffix in (".md", ".ipynb")], f"{entry} is in _toc.yml but missing"
    assert {f"notebooks/{p.stem}" for p in NOTEBOOKS} == {e for e in listed if e.startswith("notebooks/")}
    assert {f"book/{p.stem}" for p in (ROOT / "book").glob("*.md")} == {e for e in listed if e.startswith("book/")}


def test_notebooks_are_named_after_written_guide_sections():
    assert [p.stem for p in NOTEBOOKS] == [section.notebook for section in WRITTEN]
    for section in WRITTEN:
        assert re.fullmatch(rf"{section.number:02d}_[a-z0-9_]+", section.notebook)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_come_from_one_clean_run(path):
    notebook = load(path)
    counts = [cell["execution_count"] for cell in code_cells(notebook)]
    assert counts == list(range(1, len(counts) + 1))
    assert "widgets" not in notebook["metadata"], "widget state must not be saved (use scripts/run_notebook.py)"
    assert not [o for cell in code_cells(notebook) for o in cell["outputs"]
                if "application/vnd.jupyter.widget-view+json" in o.get("data", {})], \
        "committed outputs must not reference widgets of a finished kernel (use scripts/run_notebook.py)"
    assert not [cell for cell in code_cells(notebook) if "execution" in cell["metadata"]], \
        "execution timestamps must not be saved (use scripts/run_notebook.py)"
    for cell in code_cells(notebook):
        if "raises-exception" not in cell["metadata"].get("tags", []):
            assert not [o for o in cell["outputs"] if o["output_type"] == "error"], cell["source"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_only_documented_cell_tags(path):
    used = {tag for cell in load(path)["cells"] for tag in cell["metadata"].get("tags", [])}
    assert used <= DOCUMENTED_TAGS
    readme = (ROOT / "README.md").read_text()
    assert all(f"`{tag}`" in readme for tag in DOCUMENTED_TAGS)


@pytest.mark.parametrize("section", WRITTEN, ids=lambda s: s.notebook)
def test_chapter_follows_the_skeleton_with_a_part_per_subtopic(section):
    notebook = load(ROOT / "notebooks" / f"{section.notebook}.ipynb")
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    headings = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    expected = ["What you'll learn", *(s.title for s in section.subtopics), *section.extra_parts,
                "Interview questions", "Cheat sheet", "Further reading"]
    assert headings == expected
    questions_asked = re.findall(r"^### ", markdown.split("## Interview questions")[1].split("## Cheat sheet")[0],
                                 flags=re.MULTILINE)
    assert len(questions_asked) >= 8


@pytest.mark.parametrize("section", WRITTEN, ids=lambda s: s.notebook)
def test_every_subtopic_part_has_a_selfcheck_and_the_run_line(section):
    notebook = load(ROOT / "notebooks" / f"{section.notebook}.ipynb")
    sources = ["".join(cell["source"]) for cell in code_cells(notebook)]
    assert "environment.describe(" in sources[0]
    shown = re.findall(rf'selfcheck\.show\({section.number}, "([a-z0-9-]+)"\)', "\n".join(sources))
    assert shown == [s.slug for s in section.subtopics]
    assert len(questions.load(section.number)) >= 12


@pytest.mark.parametrize("section", WRITTEN, ids=lambda s: s.notebook)
def test_charts_have_alt_text(section):
    notebook = load(ROOT / "notebooks" / f"{section.notebook}.ipynb")
    for cell in code_cells(notebook):
        if any("image/png" in o.get("data", {}) for o in cell["outputs"]):
            assert len(cell["metadata"].get("mystnb", {}).get("image", {}).get("alt", "")) > 40


def test_syllabus_page_maps_every_section_and_marks_what_is_written():
    page = (ROOT / "book" / "syllabus.md").read_text()
    rows = {int(m.group(1)): m.group(0) for m in re.finditer(r"^\| (\d+)\. .*\|$", page, flags=re.MULTILINE)}
    assert sorted(rows) == list(range(1, 15))
    for section in syllabus.sections():
        row = rows[section.number]
        assert f"| {section.number}. {section.title} |" in row
        assert all(f"**{sub.title}**" in row for sub in section.subtopics)
        if section.notebook:
            assert f"(../notebooks/{section.notebook}.ipynb)" in row and "Written" in row
        else:
            assert row.endswith("| Planned |")


def test_requirements_pin_exact_versions_and_install_the_package():
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[-1] == "-e ."
    pins = dict(line.split("==") for line in lines[:-1])
    assert {"jupyter-book", "jupyterlab", "ipywidgets", "nbval", "pandas", "matplotlib", "pytest"} <= set(pins)
    assert pins["jupyter-book"].startswith("1.")


def test_search_index_uses_the_c_stemmer_with_the_same_stems():
    """PyStemmer makes the build's stemming fast; it must stem the book's words as the pure-Python one does."""
    import snowballstemmer
    from snowballstemmer.porter_stemmer import PorterStemmer

    fast = snowballstemmer.stemmer("porter")
    assert type(fast).__module__ == "Stemmer", "PyStemmer is not installed: the site build stems in pure Python"
    words = sorted({word.lower() for path in NOTEBOOKS for word in re.findall(r"[A-Za-z]{3,}", path.read_text("utf-8"))})
    assert len(words) > 5_000
    assert fast.stemWords(words) == PorterStemmer().stemWords(words)


def test_config_keeps_widget_javascript_off_the_site():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    sphinx = config["sphinx"]["config"]
    assert sphinx["nb_ipywidgets_js"] == {}
    assert ["html", "text/html", 0] in sphinx["nb_mime_priority_overrides"]
    assert config["only_build_toc_files"] is True
    assert config["execute"]["execute_notebooks"] == "off"  # the site renders the outputs nbval verifies


# At least this many exercises per chapter; chapters 3 and 5 share a minimum (see exercises_per_chapter).
MINIMUM_EXERCISES = {1: 4, 2: 4, 4: 6, 8: 3, 10: 4, 11: 12}


def test_the_book_has_enough_exercises_per_chapter():
    counts = {section.number: len(exercises.load(section.number)) for section in WRITTEN}
    assert all(counts[chapter] >= minimum for chapter, minimum in MINIMUM_EXERCISES.items()), counts
    assert counts[3] + counts[5] >= 3, counts
    assert sum(counts.values()) >= 40, counts


def parts(notebook):
    """The notebook's cells grouped by `##` part, keyed by the part's heading."""
    grouped, current = {}, None
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("## "):
            current = source.splitlines()[0][3:]
        grouped.setdefault(current, []).append(cell)
    return grouped


@pytest.mark.parametrize("section", [s for s in WRITTEN if exercises.load(s.number)], ids=lambda s: s.notebook)
def test_each_exercise_sits_in_its_subtopic_part_with_its_practice_cell(section):
    notebook = load(ROOT / "notebooks" / f"{section.notebook}.ipynb")
    grouped = parts(notebook)
    for exercise in exercises.load(section.number):
        cells = grouped[section.subtopic(exercise.topic).title]
        sources = ["".join(cell["source"]) for cell in cells]
        shown = sources.index(f'exercises.show("{exercise.id}")')
        assert sources[shown - 1] == f"### Exercise: {exercise.title}"
        assert cells[shown]["metadata"]["tags"] == ["remove-input"]
        practice = cells[shown + 1]
        assert practice["metadata"]["tags"] == ["remove-cell"]
        assert "".join(practice["source"]).rstrip().endswith(f'exercises.check("{exercise.id}", '
                                                              f'{exercise.entry or "query"})')


DATA_ISLAND = re.compile(r'<script type="application/json" class="ib-exercise-data">(.*?)</script>', re.DOTALL)


def strings_in(value) -> str:
    """Every string inside decoded JSON, one per line."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return "\n".join(strings_in(item) for item in value)
    return value if isinstance(value, str) else ""


@pytest.mark.parametrize("section", [s for s in WRITTEN if exercises.load(s.number)], ids=lambda s: s.notebook)
def test_no_solution_is_readable_in_the_committed_notebook(section):
    notebook = load(ROOT / "notebooks" / f"{section.notebook}.ipynb")
    readable = []  # every source and output text, also with HTML entities decoded
    for cell in notebook["cells"]:
        readable.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + list(output.get("data", {}).values())
            readable += ["".join(t) if isinstance(t, list) else str(t) for t in texts]
    text = "\n".join(readable)
    text += html.unescape(text)
    text += "\n".join(strings_in(json.loads(island)) for island in DATA_ISLAND.findall(text))
    for exercise in exercises.load(section.number):
        assert exercise.solution.strip() not in text, exercise.id
