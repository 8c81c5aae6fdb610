"""The pytest harness of chapter 8: parsing is tested on text, running on small real suites."""
import pytest

from interview_book import pytest_runner

VERBOSE_REPORT = """\
============================= test session starts ==============================
collecting ... collected 4 items

test_a.py::test_one PASSED                                               [ 25%]
test_a.py::test_two[x-1] FAILED                                          [ 50%]
sub/test_b.py::TestCase::test_skip SKIPPED (not today)                   [ 75%]
test_a.py::test_known_bug XFAIL (bug 12)                                 [100%]

=================== 1 failed, 1 passed, 1 skipped, 1 xfailed in 0.12s ===================
"""


def test_parse_outcomes_keeps_run_order_and_reasons():
    outcomes, reasons = pytest_runner.parse_outcomes(VERBOSE_REPORT)
    assert list(outcomes.items()) == [("test_a.py::test_one", "PASSED"), ("test_a.py::test_two[x-1]", "FAILED"),
                                      ("sub/test_b.py::TestCase::test_skip", "SKIPPED"),
                                      ("test_a.py::test_known_bug", "XFAIL")]
    assert reasons == {"sub/test_b.py::TestCase::test_skip": "not today", "test_a.py::test_known_bug": "bug 12"}


def test_parse_summary_drops_the_duration():
    assert pytest_runner.parse_summary(VERBOSE_REPORT) == "1 failed, 1 passed, 1 skipped, 1 xfailed"
    assert pytest_runner.parse_summary("== 3 passed in 61.02s (0:01:01) ==") == "3 passed"
    assert pytest_runner.parse_summary("") == ""


def test_junit_keys_match_node_ids():
    assert pytest_runner.junit_key("test_a.py::test_two[x-1]") == ("test_a", "test_two[x-1]")
    assert pytest_runner.junit_key("sub/test_b.py::TestCase::test_skip") == ("sub.test_b.TestCase", "test_skip")


def test_parse_junit_names_failures_by_node_id_and_keeps_the_first_line():
    xml = """<testsuites><testsuite tests="3">
      <testcase classname="test_a" name="test_one"/>
      <testcase classname="test_a" name="test_two[x-1]"><failure message="assert 1 == 2&#10;more">tb</failure></testcase>
      <testcase classname="test_c" name="test_boom"><error message="fixture broke">tb</error></testcase>
    </testsuite></testsuites>"""
    failures = pytest_runner.parse_junit(xml, ["test_a.py::test_one", "test_a.py::test_two[x-1]"])
    assert failures == {"test_a.py::test_two[x-1]": "assert 1 == 2", "test_c::test_boom": "fixture broke"}


def test_child_env_drops_settings_that_change_pytest(monkeypatch):
    monkeypatch.setenv("PYTEST_ADDOPTS", "-x")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("SHOP_TAX_PERCENT", "21")
    env = pytest_runner.child_env(clear_env=["SHOP_"])
    assert "PYTEST_ADDOPTS" not in env and "FORCE_COLOR" not in env and "SHOP_TAX_PERCENT" not in env
    assert env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] == "1" and env["PY_COLORS"] == "0"


@pytest.mark.parametrize("name", ["/etc/passwd", "../escape.py", ""])
def test_file_names_outside_the_project_are_refused(name):
    with pytest.raises(ValueError, match="relative path"):
        pytest_runner.run({name: "x = 1"})


SUITE = {
    "test_mixed.py": """
        import pytest

        def test_passes():
            assert 1 + 1 == 2

        def test_fails():
            assert [1, 2] == [1, 3], "lists differ"

        @pytest.mark.skip(reason="not today")
        def test_skipped():
            pass

        def test_writes_a_file():
            open("left_behind.txt", "w").write("hello")
        """,
}


def test_run_reports_outcomes_failures_and_files(monkeypatch):
    monkeypatch.setenv("PYTEST_ADDOPTS", "-x")  # would stop at the first failure if it leaked into the child
    run = pytest_runner.run(SUITE, read_back=["left_behind.txt", "missing.txt"])
    assert run.returncode == 1
    assert run.outcomes == {"test_mixed.py::test_passes": "PASSED", "test_mixed.py::test_fails": "FAILED",
                            "test_mixed.py::test_skipped": "SKIPPED", "test_mixed.py::test_writes_a_file": "PASSED"}
    assert run.reasons == {"test_mixed.py::test_skipped": "not today"}
    assert list(run.failures) == ["test_mixed.py::test_fails"]
    assert run.failures["test_mixed.py::test_fails"].startswith("AssertionError: lists differ")
    assert run.summary == "1 failed, 2 passed, 1 skipped" and run.tests == 4 and run.passed == 2
    assert run.files == {"left_behind.txt": "hello"}
    assert "lists differ" in run.section("FAILURES")
    assert "junit" not in run.output and "generated xml file" not in run.output   # no temporary path
    with pytest.raises(KeyError):
        run.section("no such section")


def test_run_in_a_project_folder_keeps_earlier_files(tmp_path):
    first = pytest_runner.run({"test_one.py": "def test_one():\n    assert True\n"}, project=tmp_path)
    second = pytest_runner.run({"test_two.py": "def test_two():\n    assert False\n"}, project=tmp_path, ini=None)
    assert first.summary == "1 passed" and first.returncode == 0
    assert second.outcomes == {"test_one.py::test_one": "PASSED", "test_two.py::test_two": "FAILED"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pytest.ini", "test_one.py", "test_two.py"]


XDIST_REPORT = """\
2 workers [3 items]

scheduling tests via LoadScheduling

test_a.py::test_skip
[gw1] [ 33%] SKIPPED test_a.py::test_skip
test_a.py::test_one
[gw0] [ 66%] PASSED test_a.py::test_one
[gw1] [100%] FAILED test_a.py::test_two[x y-1] - reason text

=================== 1 failed, 1 passed, 1 skipped in 0.52s ===================
"""


def test_parse_outcomes_reads_xdist_worker_lines():
    outcomes, reasons = pytest_runner.parse_outcomes(XDIST_REPORT)
    assert outcomes == {"test_a.py::test_skip": "SKIPPED", "test_a.py::test_one": "PASSED",
                        "test_a.py::test_two[x y-1]": "FAILED"}
    assert reasons == {"test_a.py::test_two[x y-1]": "reason text"}
    assert pytest_runner.parse_workers(XDIST_REPORT) == {
        "test_a.py::test_skip": "gw1", "test_a.py::test_one": "gw0", "test_a.py::test_two[x y-1]": "gw1"}
    assert pytest_runner.parse_workers(VERBOSE_REPORT) == {}


def test_run_with_xdist_reports_each_worker(tmp_path):
    suite = {"test_par.py": "import pytest\n\n@pytest.mark.parametrize('n', range(4))\ndef test_n(n):\n    assert n < 3\n"}
    run = pytest_runner.run(suite, "-p", "xdist", "-n", "2")
    assert run.counts == {"PASSED": 3, "FAILED": 1} and run.summary == "1 failed, 3 passed"
    assert set(run.workers) == set(run.outcomes) and set(run.workers.values()) <= {"gw0", "gw1"}
    assert list(run.failures) == ["test_par.py::test_n[3]"]
