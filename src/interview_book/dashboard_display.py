"""The progress dashboard as one display object: ipywidgets in a kernel, the site's view elsewhere.

``DashboardView`` reads the progress file once (or takes a record) and builds everything from
``dashboard.summary``: the weakest sub-topics in a sentence, a bar chart of the share of answers
correct per sub-topic answered (a PNG with alt text, on its own light background with a border,
so it reads on a dark theme too) with the same numbers in a text table beside it, the chapter
totals and every sub-topic as tables. Its ``text/html`` is ``site_views.dashboard()``, which the
site's script fills from the answers stored in the browser; ``text/plain`` lists the weakest
sub-topics.
"""
from __future__ import annotations

import base64
import html
import io
import math
import warnings

import ipywidgets as widgets
import pandas as pd

from . import dashboard, progress, review, site_views

EMPTY = ("No answers recorded yet: answer a self-check in any chapter (or run an exercise's tests) in "
         "JupyterLab or on Binder, then run this cell again to see where you stand.")
BAR = "#1f5f99"  # dark blue on the chart's white background: contrast above 6:1
STYLE = """
.ib-dashboard-widget table{border-collapse:collapse;margin:.3rem 0}
.ib-dashboard-widget caption{text-align:left;font-weight:600;padding:.2rem 0}
.ib-dashboard-widget th,.ib-dashboard-widget td{padding:.15rem .6rem;text-align:left;border-bottom:1px solid #8888}
.ib-dashboard-widget .ib-notice{border-left:4px solid #cf222e;padding-left:.5rem}
"""
TEXT = "line-height:1.45;white-space:normal;overflow-wrap:break-word;padding:.3rem 0"


def percent(share: float) -> str:
    return "–" if share is None or math.isnan(share) else f"{round(share * 100)}%"


def subtopic_table(table: pd.DataFrame) -> pd.DataFrame:
    """A ``summary`` table as a reader reads it, weakest first: answered of total, share correct, solved of total."""
    return pd.DataFrame({
        "Chapter": table.chapter,
        "Sub-topic": table.subtopic,
        "Questions answered": [f"{a} of {q}" for a, q in zip(table.answered, table.questions)],
        "Share correct": [percent(s) for s in table.share_correct],
        "Exercises solved": [f"{s} of {e}" if e else "–" for s, e in zip(table.solved, table.exercises)],
    })


def chapter_table(totals: pd.DataFrame) -> pd.DataFrame:
    """A ``dashboard.by_chapter`` table as a reader reads it."""
    return pd.DataFrame({
        "Chapter": [f"{n}. {title}" for n, title in zip(totals.chapter, totals.title)],
        "Questions answered": [f"{a} of {q}" for a, q in zip(totals.answered, totals.questions)],
        "Share correct": [percent(s) for s in totals.share_correct],
        "Exercises solved": [f"{s} of {e}" if e else "–" for s, e in zip(totals.solved, totals.exercises)],
    })


def html_table(frame: pd.DataFrame, caption: str) -> str:
    markup = frame.to_html(index=False, border=0, escape=True)
    head, rest = markup.split(">", 1)
    return f"{head}><caption>{html.escape(caption)}</caption>{rest}"


def _label(row) -> str:
    return f"{row.subtopic} (chapter {row.chapter})"


def weakest_sentence(table: pd.DataFrame) -> str:
    weak = dashboard.weakest(table)
    if weak.empty:
        return "No wrong answers or failed test runs so far in the sub-topics you have practised."
    named = "; ".join(f"{_label(row)}: {percent(row.weakness)} wrong" for row in weak.itertuples())
    return f"Your weakest sub-topics, weakest first (share of answers and test runs wrong): {named}."


def chart(table: pd.DataFrame) -> tuple[bytes, str] | None:
    """A PNG of the share correct per sub-topic answered, lowest at the top, and its alt text."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    touched = table[table.answers > 0].sort_values("share_correct", kind="stable")
    if touched.empty:
        return None
    labels = [f"{row.chapter}. {row.subtopic}" for row in touched.itertuples()]
    shares = [row.share_correct * 100 for row in touched.itertuples()]
    figure = Figure(figsize=(5.6, 1.2 + 0.34 * len(labels)), dpi=100, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(labels))[::-1]  # the first (weakest) row at the top
    axes.barh(list(positions), shares, color=BAR, height=0.6)
    axes.set_yticks(list(positions), labels)
    axes.set_xlim(0, 112)  # room for the "100%" labels
    axes.set_xticks(range(0, 101, 20))
    axes.set_ylim(-0.6, len(labels) - 0.4)
    axes.set_xlabel("Share of answers correct (%)")
    axes.set_facecolor("white")
    for position, share in zip(positions, shares):
        axes.text(min(share, 100) + 1, position, f"{round(share)}%", va="center", color="black", fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white", metadata={"Software": None})
    listed = ", ".join(f"{_label(row)} {percent(row.share_correct)}" for row in touched.head(10).itertuples())
    more = f", and {len(touched) - 10} more" if len(touched) > 10 else ""
    alt = (f"Horizontal bar chart of the share of answers correct in each of the {len(touched)} sub-topics "
           f"you have answered, lowest first: {listed}{more}. The table beside it gives the same numbers.")
    return buffer.getvalue(), alt


def chart_table(table: pd.DataFrame) -> str:
    touched = table[table.answers > 0].sort_values("share_correct", kind="stable")
    frame = pd.DataFrame({"Sub-topic": [_label(row) for row in touched.itertuples()],
                          "Answers": touched.answers.tolist(),
                          "Share correct": [percent(s) for s in touched.share_correct]})
    return html_table(frame, "Share correct per sub-topic answered")


class DashboardView:
    """Display as the last expression of a cell: a widget in a kernel, the site's dashboard elsewhere."""

    def __init__(self, record: dict | None = None, cards=None):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            source = progress.load() if record is None else record
            self.summary = dashboard.summary(source, cards)
        self.notes = _notes(caught)
        self.chapters = dashboard.by_chapter(self.summary)
        self.empty = bool(self.summary.weakness.isna().all())

    def text(self) -> str:
        lines = [*self.notes]
        if self.empty:
            lines.append(EMPTY)
            return "\n".join(lines)
        totals = self.chapters
        lines.append(f"Your progress: {totals.answered.sum()} of {totals.questions.sum()} questions answered, "
                     f"{percent(totals.correct.sum() / totals.answers.sum() if totals.answers.sum() else math.nan)} "
                     f"of answers correct; {totals.solved.sum()} of {totals.exercises.sum()} exercises solved.")
        weak = dashboard.weakest(self.summary)
        if weak.empty:
            lines.append(weakest_sentence(self.summary))
        else:
            lines.append("Weakest sub-topics (share of answers and test runs wrong):")
            lines += [f"{number}. {_label(row)}: {percent(row.weakness)} wrong, {percent(row.share_correct)} of "
                      f"answers correct" for number, row in enumerate(weak.itertuples(), start=1)]
        return "\n".join(lines)

    def widget(self) -> widgets.VBox:
        parts = [widgets.HTML(f"<style>{STYLE}</style><p><strong>Your progress</strong></p>")]
        parts += [widgets.HTML(f'<div class="ib-notice" role="alert" style="{TEXT}">{html.escape(note)}</div>')
                  for note in self.notes]
        if self.empty:
            parts.append(widgets.HTML(f'<div role="status" style="{TEXT}">{html.escape(EMPTY)}</div>'))
        else:
            parts.append(widgets.HTML(f'<div style="{TEXT}">{html.escape(weakest_sentence(self.summary))}</div>'))
            drawn = chart(self.summary)
            if drawn is not None:
                png, alt = drawn
                image = (f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="{html.escape(alt)}" '
                         'style="max-width:100%;height:auto;display:block">')
                figure = widgets.HTML(f'<figure style="background:#fff;border:1px solid #888;border-radius:.3rem;'
                                      f'padding:.4rem;margin:0">{image}</figure>',
                                      layout=widgets.Layout(flex="0 1 auto", max_width="100%", margin="0 1rem .5rem 0"))
                beside = widgets.HTML(chart_table(self.summary), layout=widgets.Layout(flex="0 1 auto"))
                parts.append(widgets.HBox([figure, beside], layout=widgets.Layout(flex_flow="row wrap",
                                                                                  align_items="flex-start")))
            parts.append(widgets.HTML(html_table(chapter_table(self.chapters), "By chapter")))
            every = widgets.Accordion([widgets.HTML(html_table(subtopic_table(self.summary),
                                                               "Every sub-topic, weakest first"))])
            every.set_title(0, f"Every sub-topic ({len(self.summary)}), weakest first")
            parts.append(every)
        view = widgets.VBox(parts)
        view.add_class("ib-dashboard-widget")
        return view

    def _repr_mimebundle_(self, include=None, exclude=None):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # outside a kernel ipywidgets warns that it has no comm
            bundle = dict(self.widget()._repr_mimebundle_())
        bundle["text/plain"] = self.text()
        bundle["text/html"] = site_views.dashboard()
        return bundle


def _notes(caught) -> list[str]:
    """Messages of the progress file's and review's warnings, once each; other warnings are re-issued."""
    notes = []
    for warning in caught:
        if issubclass(warning.category, (progress.ProgressFileWarning, review.ReviewDataWarning)):
            if str(warning.message) not in notes:
                notes.append(str(warning.message))
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return notes
