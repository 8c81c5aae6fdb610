import pytest


@pytest.fixture
def progress_file(tmp_path, monkeypatch):
    """Point the progress record at a temporary file for one test."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv("INTERVIEW_BOOK_PROGRESS", str(path))
    return path
