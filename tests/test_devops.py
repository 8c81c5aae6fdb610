"""The DevOps helpers: commands run with a clean locale, tools are found, git histories repeat."""
import pytest

from interview_book import devops


def test_a_failing_command_raises_with_its_output():
    with pytest.raises(RuntimeError, match="exited with 3:\nboom"):
        devops.run(["sh", "-c", "echo boom; exit 3"])
    assert devops.run(["sh", "-c", "exit 3"], check=False).returncode == 3


def test_commands_run_with_a_clean_locale():
    assert devops.run(["sh", "-c", "echo $LC_ALL"]).stdout.strip() == "C.UTF-8"


def test_a_missing_tool_says_how_to_install_it():
    with pytest.raises(FileNotFoundError, match="pip install -r requirements.txt"):
        devops.tool("no-such-tool-for-the-book")
    assert devops.tool("sh").endswith("/sh")


def test_the_same_steps_give_the_same_commit_ids_and_the_directory_goes():
    def history():
        with devops.Repo() as repo:
            first = repo.commit("first", {"a.txt": "1\n"})
            repo.git("switch", "--quiet", "-c", "feature")
            second = repo.commit("feature", {"b.txt": "2\n"})
            return first, second, repo.graph(), repo.path

    first_run, second_run = history(), history()
    assert first_run[:3] == second_run[:3]
    assert "feature (HEAD -> feature)" in first_run[2]
    assert not first_run[3].exists()


def test_commits_are_a_minute_apart():
    with devops.Repo() as repo:
        repo.commit("one")
        repo.commit("two")
        times = repo.git("log", "--format=%cI").split()
    assert times == ["2026-01-05T09:02:00+00:00", "2026-01-05T09:01:00+00:00"]


def test_a_refused_git_command_reports_its_status_instead_of_raising():
    with devops.Repo() as repo:
        status, output = repo.attempt("switch", "no-such-branch")
    assert status != 0 and "no-such-branch" in output


def test_a_clone_continues_the_clock_and_commits_as_its_own_author():
    with devops.Repo() as upstream:
        upstream.commit("first", {"a.txt": "a\n"})
        with devops.Repo(clone_of=upstream, author=("Bo", "bo@example.org")) as fork:
            fork.commit("second", {"b.txt": "b\n"})
            assert fork.git("log", "--format=%an %ad %s", "--date=format:%H:%M").splitlines() == [
                "Bo 09:02 second", "Ada 09:01 first"]
            assert fork.git("remote").split() == ["origin"]


def test_a_bare_clone_accepts_pushes():
    with devops.Repo() as upstream, devops.Repo(clone_of=upstream, bare=True) as remote:
        upstream.commit("first", {"a.txt": "a\n"})
        upstream.git("push", "--quiet", str(remote.path), "main")
        assert remote.git("log", "--format=%s", "main").split() == ["first"]
        assert remote.git("rev-parse", "--is-bare-repository").strip() == "true"
