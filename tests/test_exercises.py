"""Coding exercises: the banks are valid, every solution passes, every starter fails, and the
checker turns every way code can go wrong into a clear message."""
import base64
import copy
import dataclasses
import json
import types

import pytest

from interview_book import exercise_display, exercise_runner, exercises, progress, syllabus

ALL = [exercise for section in syllabus.sections() for exercise in exercises.load(section.number)]


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_reference_solution_passes_every_case(exercise):
    outcome = exercises.run_tests(exercise, exercise.solution)
    assert outcome.error == "" and outcome.solved, [c for c in outcome.cases if not c["passed"]]


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.id)
def test_starter_code_fails(exercise):
    outcome = exercises.run_tests(exercise, exercise.starter)
    assert not outcome.solved
    assert outcome.error.startswith("Stopped") is False  # a starter fails quickly, it does not hang


# Answers an interviewer would reject, each with the case that must catch it: a wrong answer
# that some bank used to accept (found by probing) stays here so the loophole cannot reopen.
WRONG_ANSWERS = [
    ("two-sum", "read at most 3 per number", """
def two_sum(nums, target):
    for i, x in enumerate(nums):
        if target - x in nums[i + 1:]:
            return [i, nums.index(target - x, i + 1)]
"""),
    ("pair-with-sum-sorted", "at most 3 reads per price", """
def pair_with_sum(prices, budget):
    for i, p in enumerate(prices):
        rest = prices[i + 1:]
        if budget - p in rest:
            return [i, len(prices) - 1 - prices[::-1].index(budget - p)]
    return None
"""),
    ("longest-unique-substring", "at most 3 reads per character", """
def longest_unique(text):
    best = 0
    for i in range(len(text)):
        seen = set()
        for char in text[i:]:
            if char in seen:
                break
            seen.add(char)
        best = max(best, len(seen))
    return best
"""),
    ("longest-unique-substring", "at most 3 reads per character", """
def longest_unique(text):
    start = best = 0
    for end in range(len(text)):
        found = text.find(text[end], start, end)
        if found != -1:
            start = found + 1
        best = max(best, end - start + 1)
    return best
"""),
    ("first-at-least", "without the bisect module", """
import bisect
def first_at_least(values, x):
    return bisect.bisect_left(values, x)
"""),
    ("first-at-least", "without the bisect module", """
from bisect import bisect_left as insertion_point
def first_at_least(values, x):
    return insertion_point(values, x)
"""),
    ("course-order", "a service that depends on itself", """
import graphlib
def deploy_order(services, depends):
    graph = {service: set() for service in services}
    for service, dependency in depends:
        graph[service].add(dependency)
    try:
        return list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        raise ValueError("circular dependency") from None
"""),
    ("write-test-paginate", "the correct paginate: your test passes", """
def test_paginate(paginate):
    assert paginate.__name__ in ("_correct", "_refactored") or paginate.__code__.co_name in ("_correct", "_refactored")
"""),
    ("django-orders-n-plus-one", "queries for 3 orders and for 30 orders", """
from django.http import JsonResponse
def orders_page(request):
    orders = Order.objects.select_related("customer").order_by("id")
    return JsonResponse({"orders": [{"id": order.id, "customer": order.customer.name, "lines": order.lines.count()}
                                    for order in orders]})
"""),
    ("fix-sql-injection-customer-search", "never becomes part of the SQL text", """
def find_customers(db, name, limit="10"):
    count = int(limit)
    if not 1 <= count <= 100:
        raise ValueError(limit)
    safe = name.replace("'", "''").replace("\\x00", "")
    return db.execute(f"SELECT id, name, city FROM customers WHERE name = '{safe}' ORDER BY id LIMIT {count}").fetchall()
"""),
    ("fix-path-traversal-static-files", "a NUL byte", """
from pathlib import Path
from urllib.parse import unquote
def read_static(base_dir, url_path):
    base = Path(base_dir).resolve()
    path = (base / unquote(url_path)).resolve()
    if not path.is_relative_to(base):
        raise PermissionError(url_path)
    if not path.is_file():
        raise FileNotFoundError(url_path)
    return path.read_text(encoding="utf-8")
"""),
]


@pytest.mark.parametrize("exercise_id, failing_case, answer", WRONG_ANSWERS,
                         ids=[f"{item[0]}-{index}" for index, item in enumerate(WRONG_ANSWERS)])
def test_answers_an_interviewer_would_reject_fail_the_case_made_for_them(exercise_id, failing_case, answer):
    exercise = dataclasses.replace(exercises.find(exercise_id), time_limit=3)  # the large cases may hang: stop early
    outcome = exercises.run_tests(exercise, answer)
    assert not outcome.solved
    failed = [case["input"] for case in outcome.cases if not case["passed"]]
    assert any(failing_case in label for label in failed), failed


def test_a_lenient_base64_decoder_lets_a_respelled_token_through():
    """The JWT exercise's old reference decoded leniently; the strict one is what the bank now asks for."""
    exercise = exercises.find("fix-jwt-hs256-verification")
    lenient = exercise.solution.replace(
        'if base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != segment:', "if False:")
    assert lenient != exercise.solution
    failed = [case["input"] for case in exercises.run_tests(exercise, lenient).cases if not case["passed"]]
    assert failed == ["the same signature spelled differently: '!!!!' or '==' appended, unused bits set"]


def test_exercise_ids_are_unique_across_the_book():
    ids = [exercise.id for exercise in ALL]
    assert len(ids) == len(set(ids))


# --- the checker, on one small exercise ------------------------------------------------------

SQUARE = exercises.Exercise(
    id="square", chapter=11, topic="algorithms", difficulty="junior", title="Square", kind="python",
    statement="s", starter="def square(x):\n    raise NotImplementedError\n", entry="square",
    cases=({"call": "square(2)", "expected": "4"}, {"call": "square(-3)", "expected": "9", "hidden": True},
           {"call": "square(0)", "expected": "0", "hidden": True}),
    hints=("a", "b"), solution="def square(x):\n    return x * x\n", time_limit=3,
)


def run(code, exercise=SQUARE):
    return exercises.run_tests(exercise, code)


def test_correct_code_passes_every_case():
    outcome = run("def square(x):\n    return x ** 2\n")
    assert outcome.solved and outcome.passed == 3 and [c["got"] for c in outcome.cases] == ["4", "9", "0"]


def test_wrong_code_shows_which_case_failed_with_expected_and_got():
    outcome = run("def square(x):\n    return x * 2\n")
    assert [c["passed"] for c in outcome.cases] == [True, False, True]
    failed = outcome.cases[1]
    assert (failed["input"], failed["expected"], failed["got"], failed["hidden"]) == ("square(-3)", "9", "-6", True)


def test_an_exception_is_a_failed_case_with_message_and_line():
    outcome = run("def square(x):\n    if x < 0:\n        raise ValueError('negative')\n    return x * x\n")
    assert outcome.passed == 2
    assert outcome.cases[1]["got"] == "ValueError: negative (line 3 of your code)"


def test_code_that_never_returns_is_stopped_and_earlier_cases_are_kept():
    outcome = run("def square(x):\n    while x < 0:\n        pass\n    return x * x\n")
    assert outcome.error.startswith("Stopped after 3 s")
    assert [c["passed"] for c in outcome.cases] == [True]  # case 1 finished before case 2 hung
    assert not outcome.solved


def test_syntax_error_names_its_line():
    assert run("def square(x):\n    return x *\n").error == "Syntax error on line 2: invalid syntax"


def test_missing_or_misnamed_function_says_what_was_expected():
    assert run("def sqr(x):\n    return x * x\n").error == (
        "Your code must define `square`, as in the starter code. It defines: sqr.")
    assert "It defines nothing" in run("x = 1\n").error


def test_sys_exit_fails_each_case_and_os_exit_ends_the_run_with_a_message():
    outcome = run("import sys\ndef square(x):\n    sys.exit(0)\n")
    assert outcome.passed == 0 and "sys.exit(0)" in outcome.cases[0]["got"]
    ended = run("import os\nos._exit(7)\n")
    assert ended.error.startswith("The test process ended early (exit code 7)")


def test_error_while_importing_the_code_is_reported():
    assert run("import no_such_module_here\n").error.startswith(
        "Your code raised an error before any test ran: ModuleNotFoundError")


def test_huge_output_and_huge_values_are_cut():
    outcome = run("def square(x):\n    print('x' * 100_000)\n    return 'y' * 100_000\n")
    assert len(outcome.printed) == exercise_runner.PRINTED_CHARS
    assert len(outcome.cases[0]["got"]) < 400 and outcome.cases[0]["got"].endswith("more characters)")


def test_true_does_not_pass_for_one():
    boolean = dataclasses.replace(SQUARE, cases=({"call": "square(1)", "expected": "True"},) * 3)
    assert run("def square(x):\n    return 1\n", boolean).passed == 0


def test_nothing_printed_can_pose_as_a_result():
    forged = json.dumps({"event": "done", "passed": 3, "total": 3})
    outcome = run(f"import sys\nsys.__stdout__.write({forged!r} + '\\n')\ndef square(x):\n    return 0\n")
    assert not outcome.solved and outcome.passed == 1


def test_a_function_defined_in_a_file_is_sent_with_its_whole_file(tmp_path, monkeypatch):
    module = tmp_path / "answer_module.py"
    module.write_text("def helper(x):\n    return x * x\n\ndef square(x):\n    return helper(x)\n\n"
                      "if False:\n    exercises.check(\n        'square', square)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import answer_module

    assert exercises.submission_of(answer_module.square) == module.read_text()  # nested: kept
    cell = tmp_path / "cell.py"  # as in a notebook: the cell ends with its check call
    cell.write_text("def square(x):\n    return x * x\n\nexercises.check(\n    'square', square)\nx = 1\n")
    namespace = {"exercises": types.SimpleNamespace(check=lambda *args: None)}
    exec(compile(cell.read_text(), str(cell), "exec"), namespace)
    assert exercises.submission_of(namespace["square"]) == "def square(x):\n    return x * x\n\n\n\nx = 1\n"
    with pytest.raises(TypeError, match="pass your code as a string"):
        exercises.submission_of(len)


def test_check_records_progress_and_renders_a_table(progress_file, monkeypatch):
    monkeypatch.setattr(exercises, "find", lambda _id: SQUARE)
    report = exercises.check("square", "def square(x):\n    return x * 2\n")
    page = report._repr_html_()
    assert "2 of 3 cases pass." in page and "<th scope='col'>Got</th>" in page and "FAIL" in page
    assert "hidden case" in page  # a passing hidden case keeps its input to itself
    assert "square(-3)" in page  # a failing one shows it
    recorded = progress.load()["exercises"]
    assert [(r["exercise"], r["passed"], r["total"], r["status"]) for r in recorded] == [("square", 2, 3, "attempted")]


def test_results_are_rendered_as_text_not_markup(progress_file, monkeypatch):
    monkeypatch.setattr(exercises, "find", lambda _id: SQUARE)
    report = exercises.check("square", "def square(x):\n    return '<img src=x onerror=alert(1)>'\n")
    assert "<img" not in report._repr_html_() and "&lt;img" in report._repr_html_()


# --- the bank format -------------------------------------------------------------------------

VALID = {"chapter": 11, "exercises": [{
    "id": "square", "topic": "algorithms", "difficulty": "junior", "title": "Square", "kind": "python",
    "entry": "square", "statement": "s", "starter": "def square(x): ...", "hints": ["a", "b"],
    "solution": "def square(x): return x * x",
    "cases": [{"call": "square(2)", "expected": "4"}, {"call": "square(3)", "expected": "9", "hidden": True},
              {"call": "square(0)", "expected": "0", "hidden": True}],
}]}


def test_a_valid_bank_parses():
    assert [e.id for e in exercises.parse_bank(VALID)] == ["square"]


def broken(change):
    raw = copy.deepcopy(VALID)
    change(raw["exercises"][0])
    return raw


def sql_case_without_expected(exercise):
    exercise.update(kind="sql")
    del exercise["entry"], exercise["cases"][0]["expected"]


@pytest.mark.parametrize("raw, complaint", [
    (broken(lambda e: e.pop("entry")), "names its `entry`"),
    (broken(lambda e: e.update(hints=["only one"])), "hints"),
    (broken(lambda e: e.update(topic="no-such-topic")), "no sub-topic 'no-such-topic'"),
    (broken(lambda e: e.update(difficulty="easy")), "difficulty"),
    (broken(lambda e: e["cases"].pop()), "cases"),
    (broken(lambda e: [case.pop("hidden", None) for case in e["cases"]]), "hidden cases"),
    (broken(lambda e: e["cases"][0].pop("expected")), "has `call` and `expected`"),
    (broken(lambda e: e.update(kind="sql")), "a sql exercise has no `entry`"),
    (broken(sql_case_without_expected), "a sql case has a `label`"),
    ({"chapter": 11, "exercises": [VALID["exercises"][0]] * 2}, "used twice"),
])
def test_malformed_banks_are_rejected_with_a_clear_message(raw, complaint):
    with pytest.raises(exercises.ExerciseBankError, match=complaint):
        exercises.parse_bank(raw)


# --- the display: a widget in a kernel, an editor on the site --------------------------------

def test_widget_reveals_hints_one_at_a_time_and_the_solution_on_request():
    widget = exercise_display.ExerciseWidget(SQUARE)
    assert widget.hints.value == "" and widget.solution.value == ""
    assert widget.hint_button.description == "Show hint 1 of 2"
    widget.hint_button.click()
    assert "<li>a</li>" in widget.hints.value and "<li>b</li>" not in widget.hints.value
    widget.hint_button.click()
    assert "<li>b</li>" in widget.hints.value and widget.hint_button.disabled
    widget.solution_button.click()
    assert "return x * x" in widget.solution.value and widget.solution_button.disabled


def test_the_bundle_carries_the_solution_only_encoded():
    bundle = exercise_display.ExerciseView(SQUARE)._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "text/html", "text/plain"}
    assert "return x * x" not in bundle["text/html"] and "return x * x" not in bundle["text/plain"]
    island = bundle["text/html"].split('class="ib-exercise-data">')[1].split("</script>")[0]
    assert base64.b64decode(json.loads(island)["solution_b64"]).decode() == SQUARE.solution


def test_hostile_exercise_text_is_escaped():
    hostile = dataclasses.replace(SQUARE, title="<b>t</b>", statement="<script>alert(1)</script> `x<y`",
                                  starter="</textarea><script>alert(2)</script>", hints=("<img src=x>", "b"))
    page = exercise_display.render_html(hostile)
    assert "<script>alert" not in page and "<img" not in page and "<b>t" not in page
    assert page.count("</textarea>") == 1 and "<code>x&lt;y</code>" in page


def test_kernel_only_exercises_offer_no_run_button_and_say_where_to_run():
    page = exercise_display.render_html(dataclasses.replace(SQUARE, needs=("Flask",)))
    assert "ib-ex-run" not in page and "needs Flask" in page and "JupyterLab or on Binder" in page
    assert "ib-ex-run" in exercise_display.render_html(SQUARE)
