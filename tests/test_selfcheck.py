import html
import json
import re
from html.parser import HTMLParser

import pytest

from interview_book import progress, selfcheck
from interview_book.questions import Question

HOSTILE = Question(
    id="hostile", chapter=2, topic="asyncio", difficulty="junior", kind="single",
    prompt="Is <script>window.hacked = 1</script> `<b>code</b>` shown as text?",
    explanation="Yes: </script><img src=x onerror=alert(1)> stays text.",
    answer=0, options=("yes <i>really</i>", "no"),
)


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.scripts, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def parse(markup):
    parser = Elements()
    parser.feed(markup)
    return parser


def test_question_text_is_escaped_not_executed():
    markup = selfcheck.render_html("group", "Hostile <title>", (HOSTILE,))
    parsed = parse(markup)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("script") == 2  # the data island and the engine, nothing from the question
    assert "img" not in tags and "b" not in tags and "i" not in tags and "title" not in tags
    text = "".join(parsed.text)
    assert "<script>window.hacked = 1</script>" in text
    assert "<b>code</b>" in text and "yes <i>really</i>" in text
    assert "</script>" not in "".join(parsed.scripts)  # nothing closes a script element early
    assert ("code", {}) in parsed.tags  # backticks still render as code


def test_data_island_holds_answers_and_cannot_break_out():
    sneaky = Question(**{**HOSTILE.__dict__, "kind": "short", "options": (), "answer": ["</script><b>x"]})
    markup = selfcheck.render_html("group", "t", (sneaky,))
    island = markup.split('class="ib-selfcheck-data">')[1].split("</script>")[0]
    assert json.loads(island)["questions"][0]["answer"] == ["</script><b>x"]


def test_rendering_is_deterministic_with_ids_from_question_ids():
    first = selfcheck.show(2, "asyncio")._repr_mimebundle_()
    second = selfcheck.show(2, "asyncio")._repr_mimebundle_()
    assert first["text/html"] == second["text/html"] and first["text/plain"] == second["text/plain"]
    ids = [attrs["id"] for _, attrs in parse(first["text/html"]).tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    assert ids[0] == "ib-selfcheck-02-asyncio"
    for question in selfcheck.show(2, "asyncio").questions:
        assert f"ib-q-{question.id}" in ids


def test_bundle_offers_widget_html_and_text():
    bundle = selfcheck.show(2, "comprehensions")._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "text/html", "text/plain"}
    assert "Self-check: Comprehensions" in bundle["text/plain"]


def test_every_control_has_a_label_and_feedback_is_a_live_region():
    markup = selfcheck.show(2)._repr_mimebundle_()["text/html"]
    parsed = parse(markup)
    labelled = {attrs["for"] for tag, attrs in parsed.tags if tag == "label"}
    inputs = [attrs for tag, attrs in parsed.tags if tag == "input"]
    assert inputs and all(attrs["id"] in labelled for attrs in inputs)
    feedback = [attrs for tag, attrs in parsed.tags if attrs.get("class") == "ib-feedback"]
    assert feedback and all(a["role"] == "status" and a["aria-live"] == "polite" for a in feedback)
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs or "href" in attrs]  # nothing fetched


def widget_for(kind):
    question = next(q for q in selfcheck.show(2).questions if q.kind == kind)
    return question, selfcheck.QuestionWidget(1, question)


def option_rows(widget):
    return [row for row in widget.input.children if "ib-option" in row._dom_classes]


def test_widget_options_show_full_text_with_code_and_nothing_run():
    question = Question(**{**HOSTILE.__dict__, "kind": "multiple", "answer": [0], "options": (
        "`SELECT * FROM orders WHERE customer_id = 7 AND placed_on >= '2024-06-01'` uses the index",
        "<script>window.hacked = 1</script> & `<b>x</b>`")})
    widget = selfcheck.QuestionWidget(1, question)
    rows = option_rows(widget)
    assert len(rows) == len(widget.choices) == 2
    expected_text = ["SELECT * FROM orders WHERE customer_id = 7 AND placed_on >= '2024-06-01' uses the index",
                     "<script>window.hacked = 1</script> & <b>x</b>"]
    expected_code = [["SELECT * FROM orders WHERE customer_id = 7 AND placed_on >= '2024-06-01'"], ["<b>x</b>"]]
    for row, box, text, code in zip(rows, widget.choices, expected_text, expected_code):
        checkbox, label = row.children
        assert checkbox is box and box.description == text  # the control's name: the whole plain text
        assert not box.description_allow_html and not box.indent
        assert "ib-option-text" in label._dom_classes
        parsed = parse(label.value)
        assert {tag for tag, _ in parsed.tags} == {"div", "code"}  # nothing else survives escaping
        assert "".join(parsed.text) == text  # full text, no ellipsis, backticks gone
        assert [html.unescape(inner) for inner in re.findall(r"<code>(.*?)</code>", label.value)] == code
    hostile = option_rows(widget)[1].children[1].value
    assert "<script" not in hostile and "&lt;script&gt;" in hostile and "<b>" not in hostile


def test_widget_single_question_keeps_one_choice(progress_file):
    question, widget = widget_for("single")
    assert len(widget.choices) == len(question.options) >= 3
    wrong = next(i for i in range(len(question.options)) if i != question.answer)
    widget.choices[wrong].value = True
    widget.choices[question.answer].value = True
    assert [box.value for box in widget.choices] == [i == question.answer for i in range(len(question.options))]
    assert widget.response() == question.answer
    widget.choices[question.answer].value = False
    assert widget.response() is None


def test_widget_multiple_question_keeps_every_choice():
    question, widget = widget_for("multiple")
    for box in widget.choices[:2]:
        box.value = True
    assert widget.response() == [0, 1]


def test_widget_view_carries_its_scoped_style():
    view, items = selfcheck.show(2).widget()
    assert "ib-selfcheck-widget" in view._dom_classes
    assert "<style>" in view.children[0].value and ".ib-selfcheck-widget .ib-option" in view.children[0].value
    assert all("ib-question" in item.view._dom_classes for item in items)


def test_widget_feedback_and_progress_for_a_right_answer(progress_file):
    question, widget = widget_for("single")
    widget.choices[question.answer].value = True
    widget.button.click()
    assert "Correct." in widget.feedback.value
    recorded = progress.load()["answers"]
    assert [(a["question"], a["status"]) for a in recorded] == [(question.id, "correct")]


def test_widget_wrong_multiple_answer_is_recorded(progress_file):
    question, widget = widget_for("multiple")
    wrong = [i for i in range(len(question.options)) if i not in question.answer][:1] or [0]
    for index in wrong:
        widget.choices[index].value = True
    assert widget.check().status == "incorrect"
    assert "Not quite." in widget.feedback.value
    assert progress.load()["answers"][0]["response"] == wrong


@pytest.mark.parametrize("kind, typed, message", [("numeric", "twelve", "Type a number"),
                                                   ("numeric", "", "Type an answer"),
                                                   ("short", "   ", "Type an answer")])
def test_widget_bad_input_gets_a_message_and_is_not_recorded(progress_file, kind, typed, message):
    _, widget = widget_for(kind)
    widget.input.value = typed
    widget.button.click()
    assert message in widget.feedback.value
    assert not progress_file.exists()


def test_widget_with_nothing_chosen(progress_file):
    _, widget = widget_for("single")
    assert widget.check().status == "invalid"
    assert "Choose an answer" in widget.feedback.value


def test_widget_still_gives_feedback_when_progress_cannot_be_saved(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(progress.ENV_VAR, str(blocker / "progress.json"))  # parent is a file
    question, widget = widget_for("single")
    widget.choices[question.answer].value = True
    assert widget.check().status == "correct"
    assert "could not be saved" in widget.feedback.value
