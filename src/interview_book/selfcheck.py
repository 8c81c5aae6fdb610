"""Self-check groups that work in a kernel and on the static site.

``show(chapter, topic)`` returns one display object. Its MIME bundle holds an ipywidgets view
(live feedback in JupyterLab and on Binder, answers recorded by ``progress``) and a
self-contained ``text/html`` rendering with inline JavaScript (the same feedback on the built
site, with no kernel and no network). Element ids derive from question ids, so the output is
the same on every run.
"""
from __future__ import annotations

import html
import json
import re
import warnings
from functools import cache
from importlib import resources

import ipywidgets as widgets

from . import progress, questions, syllabus
from .grading import MESSAGES, Feedback, grade
from .markup import to_html
from .questions import Question

STYLE = """
.ib-selfcheck{border:1px solid var(--pst-color-border,#888);border-radius:.4rem;padding:.6rem 1rem;margin:1rem 0;
 background:var(--pst-color-background,#fff);color:var(--pst-color-text-base,#222)}
.ib-selfcheck fieldset{border:0;margin:0;padding:0}
.ib-selfcheck legend{font-size:1rem;font-weight:600;line-height:1.5;margin-bottom:.3rem;float:none;width:auto}
.ib-selfcheck .ib-question{margin:.8rem 0}
.ib-selfcheck .ib-option{display:block;margin:.15rem 0}
.ib-selfcheck input[type=text]{margin-left:.4rem;padding:.15rem .3rem}
.ib-selfcheck button{margin-top:.4rem;padding:.2rem .9rem;cursor:pointer}
.ib-selfcheck :focus-visible{outline:2px solid var(--pst-color-primary,#0a58ca);outline-offset:2px}
.ib-feedback{font-weight:600;margin-top:.3rem;padding-left:.5rem;border-left:4px solid transparent}
.ib-correct{border-left-color:var(--pst-color-success,#1a7f37)}
.ib-incorrect,.ib-invalid{border-left-color:var(--pst-color-danger,#cf222e)}
"""


@cache
def _engine() -> str:
    return resources.files(__package__).joinpath("selfcheck.js").read_text("utf-8")


def _json_for_script(data: object) -> str:
    """JSON safe to place inside <script>: no '<', '>' or '&' that could close the element."""
    text = json.dumps(data, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _heading(number: int, question: Question) -> str:
    return f"{number}. {to_html(question.prompt)} <em>({question.difficulty})</em>"


def _controls_html(question: Question) -> str:
    base = f"ib-q-{question.id}"
    if question.kind in ("single", "multiple"):
        kind = "radio" if question.kind == "single" else "checkbox"
        return "".join(
            f'<label class="ib-option" for="{base}-{index}">'
            f'<input type="{kind}" name="{base}-choice" id="{base}-{index}" value="{index}"> '
            f"{to_html(option)}</label>"
            for index, option in enumerate(question.options)
        )
    hint = "a number" if question.kind == "numeric" else "a short answer"
    mode = ' inputmode="decimal"' if question.kind == "numeric" else ""
    return (
        f'<label for="{base}-input">Your answer ({hint}):</label>'
        f'<input type="text" id="{base}-input" autocomplete="off" spellcheck="false"{mode}>'
    )


def _question_html(number: int, question: Question) -> str:
    base = f"ib-q-{question.id}"
    return (
        f'<form class="ib-question" id="{base}" novalidate>'
        f"<fieldset><legend>{_heading(number, question)}</legend>{_controls_html(question)}</fieldset>"
        f'<button type="submit">Check answer {number}</button>'
        f'<div class="ib-feedback" role="status" aria-live="polite"></div>'
        f'<div class="ib-explanation" hidden>{to_html(question.explanation)}</div>'
        "</form>"
    )


def render_html(group_id: str, title: str, chosen: tuple[Question, ...]) -> str:
    """The static rendering: forms, their data and the inline engine, with no external resource."""
    data = {
        "messages": MESSAGES,
        "questions": [
            {"id": q.id, "kind": q.kind, "answer": q.answer, "tolerance": q.tolerance} for q in chosen
        ],
    }
    body = "".join(_question_html(number, q) for number, q in enumerate(chosen, start=1))
    return (
        f'<section class="ib-selfcheck" id="{group_id}" aria-label="Self-check: {html.escape(title)}">'
        f"<style>{STYLE}</style>"
        f"<p><strong>Self-check: {html.escape(title)}</strong>. Choose or type an answer and press "
        "Check; your answers stay in this browser only.</p>"
        f"{body}"
        f'<script type="application/json" class="ib-selfcheck-data">{_json_for_script(data)}</script>'
        f"<script>{_engine()}</script>"
        "</section>"
    )


def render_text(title: str, chosen: tuple[Question, ...]) -> str:
    lines = [f"Self-check: {title} ({len(chosen)} questions; answer them in JupyterLab or on the book's site)"]
    lines += [f"{number}. {q.prompt}" for number, q in enumerate(chosen, start=1)]
    return "\n".join(lines)


# Wrapped text at a reading line height: ipywidgets' HTML content otherwise has 28 px lines.
WIDGET_TEXT_STYLE = "line-height:1.45;white-space:normal;overflow-wrap:break-word;padding:.3rem 0"
# Scoped to the widget view. Each option's checkbox keeps its plain text as its description, so
# its native <label> names it for screen readers, but that description is hidden visually (it
# would be cut with an ellipsis and show backticks); the HTML text beside it is what is seen. The
# label's ::after covers the whole row, so clicking the text toggles the checkbox like a label.
WIDGET_STYLE = """
.ib-selfcheck-widget .ib-option{position:relative}
.ib-selfcheck-widget .ib-option .widget-checkbox{position:static}
.ib-selfcheck-widget .ib-option .widget-label-basic span{position:absolute;width:1px;height:1px;overflow:hidden;
 clip-path:inset(50%);white-space:nowrap}
.ib-selfcheck-widget .ib-option .widget-label-basic::after{content:"";position:absolute;inset:0;z-index:1;cursor:pointer}
.ib-selfcheck-widget .ib-option input{position:relative;z-index:2}
"""
CHOICE_HINTS = {"single": "Choose one answer.", "multiple": "Choose every answer that applies."}


def visible_text(text: str) -> str:
    """What a reader sees of question text rendered by ``to_html``: no tags, no entities."""
    return html.unescape(re.sub(r"<[^>]+>", "", to_html(text)))


def _record(question: Question, response: object, status: str) -> None:
    progress.record_answer(question.id, question.chapter, response, status)


class QuestionWidget:
    """One question as ipywidgets: prompt, controls, a Check button and a feedback area.

    Each option is a row: a checkbox named by the option's plain text, next to an HTML widget with
    the full, wrapped, escaped text and its `code` (see WIDGET_STYLE). ipywidgets' own labels are
    cut with an ellipsis (Checkbox) or overlap the next option's radio button when they wrap
    (RadioButtons), and show backticks literally. A single-answer question keeps one choice:
    checking an option clears the others.
    """

    def __init__(self, number: int, question: Question, *, save=None, on_answer=None):
        """``save(question, response, status)`` stores a graded answer (default: ``progress.record_answer``);
        ``on_answer(feedback)`` is called after every graded answer (the spaced review moves on with it)."""
        self.question = question
        self.save = save or _record
        self.on_answer = on_answer
        heading = _heading(number, question)
        self.prompt = widgets.HTML(f'<div style="{WIDGET_TEXT_STYLE}"><strong>{heading}</strong></div>')
        self.choices: list[widgets.Checkbox] = []
        if question.kind in CHOICE_HINTS:
            rows = [widgets.HTML(f'<div style="{WIDGET_TEXT_STYLE}"><em>{CHOICE_HINTS[question.kind]}</em></div>')]
            for option in question.options:
                box = widgets.Checkbox(value=False, description=visible_text(option), indent=False,
                                       layout=widgets.Layout(width="auto", flex="0 0 auto"))
                text = widgets.HTML(f'<div style="{WIDGET_TEXT_STYLE}">{to_html(option)}</div>',
                                    layout=widgets.Layout(flex="1 1 auto", min_width="0"))
                text.add_class("ib-option-text")
                row = widgets.HBox([box, text], layout=widgets.Layout(align_items="flex-start"))
                row.add_class("ib-option")
                if question.kind == "single":
                    box.observe(self._keep_one_choice, names="value")
                self.choices.append(box)
                rows.append(row)
            self.input = widgets.VBox(rows)
        else:
            self.input = widgets.Text(
                description="Answer:",
                placeholder="a number" if question.kind == "numeric" else "a short answer",
            )
        self.button = widgets.Button(description=f"Check answer {number}", tooltip="Check this answer")
        self.feedback = widgets.HTML('<div role="status" aria-live="polite"></div>')
        self.feedback.add_class("ib-feedback")
        self.button.on_click(lambda _button: self.check())
        self.view = widgets.VBox([self.prompt, self.input, self.button, self.feedback])
        self.view.add_class("ib-question")

    def _keep_one_choice(self, change) -> None:
        if change["new"]:
            for box in self.choices:
                if box is not change["owner"]:
                    box.value = False

    def response(self):
        chosen = [index for index, box in enumerate(self.choices) if box.value]
        if self.question.kind == "multiple":
            return chosen
        if self.question.kind == "single":
            return chosen[0] if chosen else None
        return self.input.value

    def check(self) -> Feedback:
        response = self.response()
        result = grade(self.question, response)
        parts = [f"<strong>{html.escape(result.message)}</strong>"]
        if result.is_answer:
            parts.append(to_html(self.question.explanation))
            try:
                self.save(self.question, response, result.status)
            except OSError as error:
                parts.append(html.escape(f"(Your answer could not be saved: {error}.)"))
        self.feedback.value = f'<div role="status" aria-live="polite">{" ".join(parts)}</div>'
        if result.is_answer and self.on_answer is not None:
            self.on_answer(result)
        return result


class SelfCheck:
    """A group of questions; display it as the last expression of a cell."""

    def __init__(self, chapter: int, chosen: tuple[Question, ...], title: str, group_id: str):
        self.chapter = chapter
        self.questions = chosen
        self.title = title
        self.group_id = group_id

    def widget(self) -> tuple[widgets.VBox, list[QuestionWidget]]:
        items = [QuestionWidget(number, q) for number, q in enumerate(self.questions, start=1)]
        header = widgets.HTML(f"<style>{WIDGET_STYLE}</style>"
                              f"<p><strong>Self-check: {html.escape(self.title)}</strong></p>")
        view = widgets.VBox([header, *(item.view for item in items)])
        view.add_class("ib-selfcheck-widget")
        return view, items

    def _repr_mimebundle_(self, include=None, exclude=None):
        with warnings.catch_warnings():
            # outside a kernel ipywidgets warns that it has no comm; the HTML still renders
            warnings.simplefilter("ignore")
            view, _items = self.widget()
            bundle = dict(view._repr_mimebundle_())
        bundle["text/plain"] = render_text(self.title, self.questions)
        bundle["text/html"] = render_html(self.group_id, self.title, self.questions)
        return bundle


def show(chapter: int, topic: str | None = None, ids: list[str] | None = None) -> SelfCheck:
    """The self-check for one sub-topic of a chapter (or named questions, or the whole chapter)."""
    chosen = questions.select(chapter, topic=topic, ids=ids)
    section = syllabus.section(chapter)
    if topic is not None:
        title, suffix = section.subtopic(topic).title, topic
    elif ids is not None:
        title, suffix = f"{section.title} review", "-".join(ids)
    else:
        title, suffix = section.title, "all"
    return SelfCheck(chapter, chosen, title, group_id=f"ib-selfcheck-{chapter:02d}-{suffix}")
