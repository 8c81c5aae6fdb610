"""The publishing workflow is valid against GitHub's workflow schema (vendored, checked offline)."""
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
