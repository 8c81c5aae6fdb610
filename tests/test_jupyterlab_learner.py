"""The learner's views in a real JupyterLab: the progress dashboard and a spaced-review session.

Reuses test_jupyterlab's server and browser fixtures (a server of its own for this module, with
its own temporary progress file); the notebook is written through the server's contents API.
"""
import json
import re
import urllib.request

import nbformat

from interview_book import questions
from interview_book.grading import MESSAGES
from interview_book.selfcheck import visible_text
from test_jupyterlab import TIMEOUT_MS, browser, lab, open_and_run  # noqa: F401 (fixtures)

NAME = "learner.ipynb"
QUESTION = next(q for q in questions.load(1) if q.id == "ds-tuple-augmented-assign")
SETUP = """from datetime import date
from interview_book import dashboard, review
deck = review.deck()
asked = [card for card in deck if card.kind == "question"][:12:3]
record = {"version": 1, "exercises": [], "answers": [
    {"question": card.id, "status": status, "answered_at": "2026-11-01T10:00:00+00:00"}
    for card, status in zip(asked, ["incorrect", "correct", "correct", "incorrect"])]}
cards = [review.Card("question", "ds-tuple-augmented-assign", 1, "data-structures"),
         review.Card("exercise", "users-by-role", 1, "data-structures")]"""


def put_notebook(lab):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell("dashboard.show(record)"),
                      nbformat.v4.new_code_cell("review.show(date(2026, 11, 2), cards=cards)")]
    body = json.dumps({"type": "notebook", "format": "json", "content": json.loads(nbformat.writes(notebook))})
    request = urllib.request.Request(f"{lab['url']}/api/contents/{NAME}", data=body.encode(), method="PUT",
                                     headers={"Authorization": f"token {lab['token']}",
                                              "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).close()


def test_dashboard_and_review_session_in_jupyterlab(browser, lab):  # noqa: F811
    put_notebook(lab)
    context, page, blocked = open_and_run(browser, lab, NAME)
    try:
        # The dashboard: the chart drawn, with alt text, on its own white ground; the tables beside and below.
        dash = page.locator(".jp-OutputArea-output .ib-dashboard-widget")
        image = dash.locator("img")
        image.wait_for(state="visible", timeout=TIMEOUT_MS)
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert image.get_attribute("alt").startswith("Horizontal bar chart of the share of answers correct")
        assert dash.locator("figure").evaluate("f => getComputedStyle(f).backgroundColor") == "rgb(255, 255, 255)"
        dash.get_by_text("Share correct per sub-topic answered").wait_for(timeout=TIMEOUT_MS)
        dash.get_by_text("By chapter").wait_for(timeout=TIMEOUT_MS)
        dash.get_by_text(re.compile("^Your weakest sub-topics")).wait_for(timeout=TIMEOUT_MS)

        # The review: card 1 of 2 is asked with the self-check's controls; a right answer is recorded.
        session = page.locator(".jp-OutputArea-output .ib-review-widget")
        status = session.get_by_text("Card 1 of 2")
        status.wait_for(timeout=TIMEOUT_MS)
        session.get_by_role("checkbox", name=visible_text(QUESTION.options[QUESTION.answer]), exact=True).click()
        session.get_by_role("button", name="Check answer 1").click()
        session.get_by_text(MESSAGES["correct"]).wait_for(timeout=TIMEOUT_MS)
        session.get_by_text("This card is now in box 2 of 5, next due on 2026-11-04.").wait_for(timeout=TIMEOUT_MS)
        answers = json.loads(lab["progress"].read_text())["answers"]
        assert [(a["question"], a["status"]) for a in answers] == [(QUESTION.id, "correct")]

        session.get_by_role("button", name="Next card").click()
        session.get_by_text("Card 2 of 2").wait_for(timeout=TIMEOUT_MS)
        # widget updates arrive as separate messages: wait for each part rather than checking at once
        session.get_by_text('exercises.check("users-by-role", users_by_role)').wait_for(timeout=TIMEOUT_MS)
        session.get_by_role("button", name="Finish").click()
        session.get_by_text(re.compile("^Session done")).wait_for(timeout=TIMEOUT_MS)
        session.get_by_text(re.compile("^You reviewed 2 cards: 1 right, 0 wrong, 1 exercise to run in its chapter")).wait_for(
            timeout=TIMEOUT_MS)
    finally:
        context.close()
    assert blocked == [], f"requests to other hosts: {blocked}"
