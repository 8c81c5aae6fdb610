"""The site's exercise files: the pinned Pyodide, installed by npm ci, and what the build copies."""
import json
import shutil
from pathlib import Path

import pytest

from interview_book import site_assets

ROOT = Path(__file__).resolve().parent.parent


def test_the_pin_is_exact_and_agrees_with_package_json():
    declared = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert declared == site_assets.pinned_version(ROOT)
    assert declared[0].isdigit() and not any(sign in declared for sign in "^~<>*")


def test_without_npm_the_build_names_the_missing_step(tmp_path, monkeypatch):
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(site_assets.shutil, "which", lambda _name: None)
    with pytest.raises(site_assets.MissingPyodide, match="install Node.js with npm, then build again"):
        site_assets.ensure_pyodide(tmp_path)


def test_a_wrong_installed_version_is_replaced(tmp_path, monkeypatch):
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    manifest = tmp_path / "node_modules" / "pyodide" / "package.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text('{"version": "0.0.1"}')
    calls = []

    def fake_npm(command, cwd, **kwargs):
        calls.append(command[1:])
        manifest.write_text(json.dumps({"version": site_assets.pinned_version(ROOT)}))
        return type("Result", (), {"returncode": 0, "stderr": ""})()

    monkeypatch.setattr(site_assets.shutil, "which", lambda _name: "/usr/bin/npm")
    monkeypatch.setattr(site_assets.subprocess, "run", fake_npm)
    assert site_assets.ensure_pyodide(tmp_path) == manifest.parent
    assert calls == [["ci", "--omit=dev", "--no-audit", "--no-fund", "--ignore-scripts"]]  # Mermaid is for authors only


def test_the_build_copies_the_engine_runner_and_only_the_runtime_files(tmp_path):
    target = site_assets.copy_into(tmp_path, ROOT)  # installs Pyodide with npm ci if needed
    names = sorted(path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file())
    assert names == sorted([*(Path(name).name for name in site_assets.BOOK_FILES),
                            *(f"pyodide/{name}" for name in site_assets.PYODIDE_FILES)])
    wasm = target / "pyodide" / "pyodide.asm.wasm"
    assert wasm.read_bytes()[:4] == b"\0asm"
    before = wasm.stat().st_mtime_ns
    site_assets.copy_into(tmp_path, ROOT)
    assert wasm.stat().st_mtime_ns == before  # an unchanged 13 MB runtime is not copied again
