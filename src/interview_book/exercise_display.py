"""How an exercise and its test results look: ipywidgets in a kernel, HTML on the site.

``ExerciseView`` is one display object, like a self-check: its MIME bundle holds the widget
(statement, hints revealed one at a time, the solution behind a button) and a ``text/html``
rendering for the site, where ``static/exercises.js`` turns it into an editor with a Run button.
The solution travels base64-encoded in that rendering, so it is not readable in the notebook
file or the page until the reader asks for it. ``Report`` is the results table of one run.
"""
from __future__ import annotations

import base64
import html
import warnings

import ipywidgets as widgets

from .exercises import Exercise, Outcome
from .markup import blocks_to_html, to_html
from .selfcheck import _json_for_script

HIDDEN = "hidden case"


def _cell(text: str) -> str:
    return f"<td><code>{html.escape(text)}</code></td>"


def results_html(outcome: Outcome) -> str:
    """The summary line, then one row per case: case, input, expected, got, result."""
    if outcome.solved:
        summary = f"All {outcome.total} cases pass."
    else:
        summary = f"{outcome.passed} of {outcome.total} cases pass."
    if outcome.error:
        summary = f"{outcome.error} {summary if outcome.cases else ''}".strip()
    rows = []
    for case in outcome.cases:
        secret = case["hidden"] and case["passed"]
        rows.append(
            "<tr>"
            f"<td>{case['case']}</td>"
            + (f"<td>{HIDDEN}</td><td></td><td></td>" if secret else
               _cell(case["input"]) + _cell(case["expected"]) + _cell(case["got"]))
            + f"<td>{'pass' if case['passed'] else 'FAIL'}</td></tr>"
        )
    table = ("<table class='ib-ex-table'><caption>Test results</caption><thead><tr>"
             + "".join(f"<th scope='col'>{name}</th>" for name in ("Case", "Input", "Expected", "Got", "Result"))
             + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>") if rows else ""
    printed = (f"<p>Your code printed:</p><pre>{html.escape(outcome.printed)}</pre>" if outcome.printed else "")
    return f"<p role='status'><strong>{html.escape(summary)}</strong></p>{table}{printed}"


def results_text(outcome: Outcome) -> str:
    lines = [outcome.error] if outcome.error else []
    lines.append(f"{outcome.passed} of {outcome.total} cases pass.")
    for case in outcome.cases:
        shown = HIDDEN if case["hidden"] and case["passed"] else f"{case['input']} -> expected {case['expected']}, got {case['got']}"
        lines.append(f"{case['case']}. {'pass' if case['passed'] else 'FAIL'}: {shown}")
    return "\n".join(lines)


class Report:
    """The results of ``exercises.check``; a table in JupyterLab, text elsewhere."""

    def __init__(self, exercise: Exercise, outcome: Outcome, note: str = ""):
        self.exercise, self.outcome, self.note = exercise, outcome, note

    def _repr_html_(self) -> str:
        note = f"<p>{html.escape(self.note)}</p>" if self.note else ""
        return f"<div class='ib-ex-report'>{results_html(self.outcome)}{note}</div>"

    def __repr__(self) -> str:
        return results_text(self.outcome) + (f"\n{self.note}" if self.note else "")


def _kernel_howto(exercise: Exercise) -> str:
    answer = exercise.entry or "query"
    what = "Write your query as a string" if exercise.kind == "sql" else "Complete the starter code"
    return (f"<p><em>{html.escape(exercise.difficulty)}</em>. {what} in the cell below and run it: it ends with "
            f"<code>exercises.check(\"{exercise.id}\", {answer})</code>, which tests the whole cell in a separate "
            f"process (time limit {exercise.time_limit:g} s) and shows each case.</p>")


class ExerciseWidget:
    """Statement, hints one at a time and the solution on request, as ipywidgets."""

    def __init__(self, exercise: Exercise):
        self.exercise = exercise
        self.shown_hints = 0
        self.statement = widgets.HTML(blocks_to_html(exercise.statement) + _kernel_howto(exercise))
        self.hints = widgets.HTML("")
        self.solution = widgets.HTML("")
        self.hint_button = widgets.Button(description=self._hint_label(), tooltip="Reveal the next hint",
                                          layout=widgets.Layout(width="auto"))
        self.solution_button = widgets.Button(description="Show the solution", tooltip="Reveal the reference solution",
                                              layout=widgets.Layout(width="auto"))
        self.hint_button.on_click(lambda _button: self.next_hint())
        self.solution_button.on_click(lambda _button: self.reveal_solution())
        buttons = widgets.HBox([self.hint_button, self.solution_button])
        self.view = widgets.VBox([self.statement, buttons, self.hints, self.solution])

    def _hint_label(self) -> str:
        return f"Show hint {self.shown_hints + 1} of {len(self.exercise.hints)}"

    def next_hint(self) -> None:
        if self.shown_hints < len(self.exercise.hints):
            self.shown_hints += 1
        items = "".join(f"<li>{to_html(hint)}</li>" for hint in self.exercise.hints[:self.shown_hints])
        self.hints.value = f'<div role="status" aria-live="polite"><p>Hints:</p><ol>{items}</ol></div>'
        done = self.shown_hints == len(self.exercise.hints)
        self.hint_button.disabled = done
        self.hint_button.description = "All hints shown" if done else self._hint_label()

    def reveal_solution(self) -> None:
        self.solution.value = (f'<div role="status" aria-live="polite"><p>Reference solution:</p>'
                               f"<pre>{html.escape(self.exercise.solution)}</pre></div>")
        self.solution_button.disabled = True


def render_html(exercise: Exercise) -> str:
    """The site's rendering; ``exercises.js`` (added to the page by the build) brings it to life."""
    base = f"ib-ex-{exercise.id}"
    language = "SQL" if exercise.kind == "sql" else "Python"
    data = {
        **exercise.runner_spec(),
        "starter": exercise.starter,
        "time_limit": exercise.time_limit,
        "solution_b64": base64.b64encode(exercise.solution.encode()).decode(),
    }
    if exercise.runs_in_browser:
        run = (f'<button type="button" class="ib-ex-run" aria-describedby="{base}-help">Run tests</button>')
        where = ("Run tests loads Python into this page the first time (about 13 MB, then cached) "
                 "and tests your code in your browser.")
    else:
        run = ""
        where = (f"This exercise needs {html.escape(', '.join(exercise.needs))}, which the in-browser Python "
                 "cannot provide: open this chapter in JupyterLab or on Binder (the launch buttons at the top "
                 "of the page) to run its tests.")
    hints = "".join(f'<li hidden>{to_html(hint)}</li>' for hint in exercise.hints)
    return (
        f'<section class="ib-exercise" id="{base}" aria-label="Exercise: {html.escape(exercise.title)}">'
        f'<p class="ib-ex-meta"><em>{html.escape(exercise.difficulty)}</em> &middot; {language}</p>'
        f'<div class="ib-ex-statement">{blocks_to_html(exercise.statement)}</div>'
        f'<label for="{base}-code">Your solution ({language})</label>'
        f'<p class="ib-ex-help" id="{base}-help">{where} In the editor, Tab indents; press Esc, then Tab, to '
        "leave it; Ctrl+Enter runs the tests. Your code is kept in this browser.</p>"
        f'<textarea id="{base}-code" class="ib-ex-code" rows="{min(max(exercise.starter.count(chr(10)) + 3, 6), 24)}" '
        f'spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="{base}-help">'
        f"{html.escape(exercise.starter)}</textarea>"
        f'<div class="ib-ex-actions">{run}'
        f'<button type="button" class="ib-ex-hint">Show hint 1 of {len(exercise.hints)}</button>'
        '<button type="button" class="ib-ex-reveal">Show the solution</button>'
        '<button type="button" class="ib-ex-reset">Reset to the starter code</button></div>'
        '<div class="ib-ex-status" role="status" aria-live="polite"></div>'
        '<div class="ib-ex-results"></div>'
        f'<ol class="ib-ex-hints" aria-label="Hints">{hints}</ol>'
        '<div class="ib-ex-solution" hidden><p>Reference solution:</p><pre><code></code></pre></div>'
        f'<script type="application/json" class="ib-exercise-data">{_json_for_script(data)}</script>'
        "</section>"
    )


def render_text(exercise: Exercise) -> str:
    return f"Exercise: {exercise.title} ({exercise.difficulty})\n\n{exercise.statement.strip()}"


class ExerciseView:
    """Display as the last expression of a cell: a widget in a kernel, an editor on the site."""

    def __init__(self, exercise: Exercise):
        self.exercise = exercise

    def widget(self) -> ExerciseWidget:
        return ExerciseWidget(self.exercise)

    def _repr_mimebundle_(self, include=None, exclude=None):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # outside a kernel ipywidgets warns that it has no comm
            bundle = dict(self.widget().view._repr_mimebundle_())
        bundle["text/plain"] = render_text(self.exercise)
        bundle["text/html"] = render_html(self.exercise)
        return bundle
