"""The publishing workflow is valid against GitHub's workflow schema (vendored, checked offline)
and pins every action to a commit, as chapter 6 teaches."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKER = Path(sys.executable).parent / "check-jsonschema"


def test_publish_workflow_matches_the_github_schema():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run([str(CHECKER), "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_the_readme_test_command_before_deploying():
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    assert "run: pytest" in text and "needs: test-and-build" in text
    assert "pytest" in (ROOT / ".ci" / "run").read_text().splitlines()[-1]


def test_every_action_is_pinned_to_a_full_commit_sha_and_dependabot_updates_them():
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    actions = re.findall(r"uses:\s*(\S+)", text)
    assert actions and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action) for action in actions), actions
    dependabot = subprocess.run([str(CHECKER), "--builtin-schema", "vendor.dependabot",
                                 str(ROOT / ".github" / "dependabot.yml")], capture_output=True, text=True)
    assert dependabot.returncode == 0, dependabot.stdout + dependabot.stderr
    assert "github-actions" in (ROOT / ".github" / "dependabot.yml").read_text()
