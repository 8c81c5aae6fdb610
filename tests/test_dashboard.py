import html
import json
import math

from interview_book import dashboard, review

STAMP = "2026-12-01T10:00:00+00:00"


def test_rows_count_answers_and_solved_exercises_weakest_first():
    deck = review.deck()
    question = deck[0]
    exercise = next(card for card in deck if card.kind == "exercise" and card.topic != question.topic)
    record = {"version": 1,
              "answers": [{"question": question.id, "status": status, "answered_at": STAMP}
                          for status in ("incorrect", "incorrect", "correct")]
                         + [{"question": "removed-question", "status": "incorrect", "answered_at": STAMP}],
              "exercises": [{"exercise": exercise.id, "status": status, "checked_at": STAMP}
                            for status in ("attempted", "solved")]}
    table = dashboard.summary(record)
    first, second = table.iloc[0], table.iloc[1]
    assert (first.topic, first.answered, first.answers) == (question.topic, 1, 3)
    assert math.isclose(first.share_correct, 1 / 3) and math.isclose(first.weakness, 2 / 3)
    assert (second.topic, second.solved, second.weakness) == (exercise.topic, 1, 0.5)
    assert table.weakness.iloc[2:].isna().all()


def test_an_empty_record_lists_every_subtopic_untouched():
    table = dashboard.summary({"version": 1, "answers": []})
    assert table.answers.sum() == 0 and table.weakness.isna().all()
    assert table.questions.sum() == sum(card.kind == "question" for card in review.deck())


def test_site_placeholders_name_their_region_and_escape_their_data():
    from interview_book import site_views

    assert 'class="ib-learner ib-dashboard" role="region" aria-label="Your progress"' in site_views.dashboard()
    mock = site_views.mock_interview(3, 5, difficulty='"><script>')
    assert 'data-questions="3"' in mock and 'data-minutes-per-question="5"' in mock
    assert "<script>" not in mock


# The kernel view: dashboard.show ------------------------------------------------------------------
import re
import warnings

import ipywidgets as widgets
import pytest

from interview_book import dashboard_display, progress, site_views, syllabus


def texts(widget):
    """Every HTML value and title in a widget tree, in order."""
    found = [widget.value] if isinstance(widget, widgets.HTML) else []
    if isinstance(widget, widgets.Accordion):
        found += [widget.get_title(index) for index in range(len(widget.children))]
    for child in getattr(widget, "children", ()):
        found += texts(child)
    return found


def quietly(view):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ipywidgets outside a kernel: no comm
        return view.widget(), view._repr_mimebundle_()


def test_no_answers_yet_says_how_to_start(progress_file):
    view = dashboard.show()
    widget, bundle = quietly(view)
    assert view.empty and not progress_file.exists()
    assert any("No answers recorded yet: answer a self-check in any chapter" in text for text in texts(widget))
    assert bundle["text/plain"].startswith("No answers recorded yet")
    assert bundle["text/html"] == site_views.dashboard()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_a_corrupt_progress_file_is_moved_aside_and_the_view_says_so(progress_file):
    progress_file.write_text("{not json")
    with warnings.catch_warnings():
        warnings.simplefilter("error", progress.ProgressFileWarning)  # shown in the view, not raised
        view = dashboard.show()
    widget, bundle = quietly(view)
    assert len(list(progress_file.parent.glob("progress.json.corrupt-*"))) == 1
    notice = [text for text in texts(widget) if "could not be read" in text]
    assert len(notice) == 1 and 'role="alert"' in notice[0] and "corrupt-" in notice[0]
    assert "could not be read" in bundle["text/plain"] and "No answers recorded yet" in bundle["text/plain"]


def answered_record():
    deck = review.deck()
    weak = next(card for card in deck if card.kind == "question" and card.chapter == 2)
    strong = next(card for card in deck if card.kind == "question" and card.chapter == 4)
    answers = ([{"question": weak.id, "status": status, "answered_at": STAMP}
                for status in ("incorrect", "incorrect", "correct")]
               + [{"question": strong.id, "status": "correct", "answered_at": STAMP}])
    return weak, strong, {"version": 1, "answers": answers, "exercises": []}


def test_answers_show_the_weakest_first_a_chart_with_alt_text_and_tables(progress_file):
    weak, strong, record = answered_record()
    progress_file.write_text(json.dumps(record))
    view = dashboard.show()
    widget, bundle = quietly(view)
    title = {card.id: syllabus.section(card.chapter).subtopic(card.topic).title for card in (weak, strong)}
    all_text = "\n".join(texts(widget))
    sentence = next(text for text in texts(widget) if "weakest sub-topics" in text)
    assert f"{title[weak.id]} (chapter 2): 67% wrong" in sentence and title[strong.id] not in sentence
    # the chart: a PNG with alt text naming the values, lowest first, and the same numbers in a table
    alt = html.unescape(re.search(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)"', all_text).group(1))
    assert alt.index(f"{title[weak.id]} (chapter 2) 33%") < alt.index(f"{title[strong.id]} (chapter 4) 100%")
    assert "<caption>Share correct per sub-topic answered</caption>" in all_text
    assert "background:#fff;border:1px solid #888" in all_text  # readable on a dark theme
    # the tables
    table = dashboard_display.subtopic_table(view.summary)
    first = table.iloc[0]
    assert (first["Chapter"], first["Sub-topic"], first["Share correct"]) == (2, title[weak.id], "33%")
    assert first["Questions answered"] == f"1 of {view.summary.questions.iloc[0]}"
    chapters = dashboard.by_chapter(view.summary)
    two = chapters.set_index("chapter").loc[2]
    assert (two.answered, two.answers, two.correct) == (1, 3, 1) and math.isclose(two.share_correct, 1 / 3)
    assert chapters.questions.sum() == view.summary.questions.sum()
    assert math.isnan(chapters.set_index("chapter").loc[1, "share_correct"])
    assert "<caption>By chapter</caption>" in all_text and "2. Advanced Python" in all_text
    lines = bundle["text/plain"].splitlines()
    assert lines[0].startswith("Your progress: 2 of ") and "50% of answers correct" in lines[0]
    assert lines[2].startswith(f"1. {title[weak.id]} (chapter 2): 67% wrong")
    assert bundle["text/html"] == site_views.dashboard()


def test_the_chart_is_the_same_on_every_run():
    _weak, _strong, record = answered_record()
    first, second = (dashboard_display.chart(dashboard.summary(record)) for _ in range(2))
    assert first == second and first[0].startswith(b"\x89PNG")
    assert dashboard_display.chart(dashboard.summary({"version": 1, "answers": []})) is None


def test_table_text_is_escaped():
    frame = dashboard_display.subtopic_table(dashboard.summary({"version": 1, "answers": []}))
    frame.loc[0, "Sub-topic"] = "<script>x</script>"
    markup = dashboard_display.html_table(frame, "<b>caption</b>")
    assert "<script>" not in markup and "&lt;b&gt;caption" in markup


def test_entries_the_review_cannot_read_are_named_in_the_view():
    _weak, _strong, record = answered_record()
    record["answers"].append({"question": "x", "status": "maybe", "answered_at": STAMP})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        view = dashboard.show(record)
    widget, bundle = quietly(view)
    assert view.notes == ["1 entries of the progress file could not be read for the review and were skipped; "
                          "the file itself was left unchanged."]
    assert bundle["text/plain"].startswith(view.notes[0])
    assert any(view.notes[0] in text for text in texts(widget))
