"""The placeholders that the site's learner scripts fill: progress dashboard, spaced review, mock interview.

A book page (``book/progress.md``, ``book/review.md``) or a kernel display object's ``text/html``
holds one of these elements; the site extension links ``learner.js`` and the view's script on
every page that has one, and the script replaces the fallback paragraph with the live view built
from the answers this browser has stored. Without JavaScript the paragraph says what is missing.
"""
from __future__ import annotations

import html

_FALLBACK = ('<p class="ib-learner-fallback">{what} is built in your browser from the answers it has '
             'stored, and needs JavaScript; in JupyterLab or on Binder the kernel shows it instead.</p>')


def _container(view: str, label: str, what: str, **data: object) -> str:
    attributes = "".join(f' data-{name.replace("_", "-")}="{html.escape(str(value), quote=True)}"'
                         for name, value in sorted(data.items()))
    return (f'<section class="ib-learner ib-{view}" role="region" aria-label="{html.escape(label, quote=True)}"'
            f'{attributes}>{_FALLBACK.format(what=what)}</section>')


def dashboard() -> str:
    return _container("dashboard", "Your progress", "This progress dashboard")


def review() -> str:
    return _container("review", "Spaced review: due today", "The spaced review")


def mock_interview(questions: int, minutes_per_question: int, difficulty: str = "any") -> str:
    return _container("mock", "Timed mock interview", "The timed mock interview",
                      questions=questions, minutes_per_question=minutes_per_question, difficulty=difficulty)
