import json
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


def test_widget_feedback_and_progress_for_a_right_answer(progress_file):
    question, widget = widget_for("single")
    widget.input.value = question.answer
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
    widget.input.value = question.answer
    assert widget.check().status == "correct"
    assert "could not be saved" in widget.feedback.value
