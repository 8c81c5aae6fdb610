import sqlite3
import zipfile

import pytest

from interview_book import anki, interview_questions, questions


def notes_in(path, tmp_path):
    with zipfile.ZipFile(path) as package:
        package.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        return db.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()


def test_the_deck_holds_every_interview_question_with_stable_guids(tmp_path):
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert anki.main([str(first)]) == 0 and anki.main([str(second)]) == 0
    notes = notes_in(first, tmp_path)
    assert len(notes) == len(interview_questions.load_all())
    assert sorted(guid for guid, _, _ in notes) == sorted(guid for guid, _, _ in notes_in(second, tmp_path))
    question = interview_questions.load_all()[0]
    fields = next(flds for _, flds, _ in notes if question.title.split("`")[0] in flds).split("\x1f")
    assert fields[2] == interview_questions.to_html(question.spoken)
    assert "chapter-01" in notes[0][2]


def test_options_narrow_the_deck_and_add_self_checks(tmp_path):
    deck = anki.build_deck([4], self_checks=True, site_url="https://example.org/book/")
    assert len(deck.notes) == len(interview_questions.load(4)) + len(questions.load(4))
    assert 'href="https://example.org/book/notebooks/04_databases.html#' in deck.notes[0].fields[4]
    with pytest.raises(ValueError, match="not written"):
        anki.build_deck([99])


def test_question_text_is_escaped():
    question = interview_questions.parse_cell(4, "### Is `<b>` <script>alert(1)</script> safe?\n\n"
                                                 "**Spoken answer.** <img src=x>\n\n**Full answer.** x\n\n"
                                                 "**What a weaker answer misses.** y\n\n**Likely follow-ups.** z")
    note = anki.interview_note(question)
    assert "<script>" not in note.fields[0] and "&lt;script&gt;" in note.fields[0]
    assert "<img" not in note.fields[2]


def test_a_difficulty_keeps_only_its_questions():
    deck = anki.build_deck(difficulty="junior")
    juniors = [q for q in interview_questions.load_all() if q.difficulty == "junior"]
    assert len(deck.notes) == len(juniors) > 0
    assert all("interview-book::junior" in note.tags for note in deck.notes)
