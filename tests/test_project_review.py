"""The project reviewer of chapter 13: each check, the score, and the folders it must refuse to read."""
import json
import os
import subprocess
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from interview_book import project_review as pr

MIT = ("MIT License\n\nCopyright (c) 2026 Someone\n\nPermission is hereby granted, free of charge, to any person "
       "obtaining a copy of this software ...\n")
FAKE_AWS_KEY = "AKIA" + "Q" * 16  # built at run time so that this file itself does not look like a leak


def make(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


GOOD = {
    "README.md": "# tool\n\n## Installation\n\npip install tool\n\n## Usage\n\ntool run\n\n## Running the tests\n\n"
                 "pytest\n\n## Licence\n\nMIT\n",
    "LICENSE": MIT,
    "pyproject.toml": '[project]\nname = "tool"\nversion = "1.0"\nrequires-python = ">=3.11"\n',
    "uv.lock": "version = 1\n",
    ".gitignore": ".venv/\n__pycache__/\n.env\n",
    ".github/workflows/tests.yml": "on: push\n",
    "src/tool/core.py": "def add(a: int, b: int) -> int:\n    return a + b\n\n\nclass C:\n"
                        "    def m(self, x: str) -> str:\n        return x\n",
    "tests/test_core.py": "def test_add():\n    assert True\n",
}


def test_a_complete_project_scores_full_marks(tmp_path):
    review = pr.review(make(tmp_path, GOOD), name="tool")
    assert review.score == 100, review.report()
    assert all(f.passed and not f.advice for f in review.findings)
    assert review.report().startswith("tool: 100/100")


def test_a_bare_project_scores_low_with_advice_for_every_gap(tmp_path):
    review = pr.review(make(tmp_path, {"app.py": "def f(x):\n    return x\n", "requirements.txt": "flask\n"}))
    assert review.score == 15  # no secrets (10) and half marks for a requirements file that pins nothing
    assert {f.check for f in review.findings if not f.passed} == {
        "readme", "licence", "tests", "ci", "packaging", "types", "lockfile", "gitignore"}
    assert all(f.advice for f in review.findings if not f.passed)


@pytest.mark.parametrize("folder, message", [("missing", "no such folder"), ("empty", "empty")])
def test_missing_and_empty_folders_say_so(tmp_path, folder, message):
    (tmp_path / "empty").mkdir()
    review = pr.review(tmp_path / folder)
    assert review.findings == [] and review.score == 0 and message in review.message
    assert message in review.report()


def test_a_file_is_not_a_folder(tmp_path):
    make(tmp_path, {"x.txt": "x"})
    assert "not a folder" in pr.review(tmp_path / "x.txt").message


def test_symlinks_are_never_followed(tmp_path):
    outside = make(tmp_path / "outside", {"tests/test_x.py": "def test_x():\n    pass\n", "LICENSE": MIT,
                                          "id_rsa": "x"})
    project = make(tmp_path / "project", {"README.md": "# p\n"})
    os.symlink(outside / "tests", project / "tests")
    os.symlink(outside / "LICENSE", project / "LICENSE")
    os.symlink(outside, project / "linked")
    review = pr.review(project)
    assert review.finding("tests").points == 0 and review.finding("licence").points == 0
    assert review.finding("secrets").passed
    assert sorted(review.skipped) == ["LICENSE (symlink, not followed)", "linked (symlink, not followed)",
                                      "tests (symlink, not followed)"]


def test_symlinked_root_is_refused(tmp_path):
    project = make(tmp_path / "project", GOOD)
    os.symlink(project, tmp_path / "link")
    assert "symlink" in pr.review(tmp_path / "link").message


def test_binary_and_huge_files_are_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(pr, "MAX_BYTES", 1000)
    make(tmp_path, {"README.md": "# p\n", "big.txt": FAKE_AWS_KEY + "x" * 2000})
    (tmp_path / "blob.bin").write_bytes(b"\0" + FAKE_AWS_KEY.encode())
    review = pr.review(tmp_path)
    assert review.finding("secrets").passed
    assert sorted(review.skipped) == ["big.txt (over 1000 bytes)", "blob.bin (binary)"]


def test_an_unreadable_file_is_skipped_with_its_reason(tmp_path, monkeypatch):
    make(tmp_path, {"README.md": "# p\n", "locked.py": "def f(x):\n    pass\n"})
    real = pr.Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.py":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(pr.Path, "read_bytes", read_bytes)
    review = pr.review(tmp_path)
    assert review.skipped == ["locked.py (unreadable: Permission denied)"]
    assert review.finding("types").seen == "no functions outside tests"


def private_keys():
    """Real keys, generated for the test, in every PEM layout the cryptography library writes."""
    keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048), ec.generate_private_key(ec.SECP256R1()),
            ed25519.Ed25519PrivateKey.generate()]
    layouts = [(serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
               (serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(b"passphrase")),
               (serialization.PrivateFormat.OpenSSH, serialization.NoEncryption())]
    for key in keys:
        for private_format, encryption in layouts:
            yield key.private_bytes(serialization.Encoding.PEM, private_format, encryption).decode()
    for key in keys[:2]:            # PKCS#1 and SEC 1, with the Proc-Type header when encrypted
        for encryption in (serialization.NoEncryption(), serialization.BestAvailableEncryption(b"passphrase")):
            yield key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                    encryption).decode()


def flagged(tmp_path, text, name="k.txt"):
    """Whether a project holding ``text`` in ``name`` (and a README) gets exactly one private-key finding."""
    make(tmp_path, {"README.md": "# p\n", name: text})
    try:
        return pr.review(tmp_path).finding("secrets").seen == f"{name} (private key block)"
    finally:
        (tmp_path / name).unlink()


def test_real_private_keys_are_flagged_however_they_are_stored(tmp_path):
    for pem in private_keys():
        header = pem.splitlines()[0]
        assert flagged(tmp_path, pem), header
        assert flagged(tmp_path, pem.replace("\n", "\r\n")), header                         # Windows line ends
        assert flagged(tmp_path, f"KEY = {pem!r}\n", "settings.py"), header                   # a string with \n escapes
        notebook = json.dumps({"cells": [{"outputs": [{"text": pem.splitlines(keepends=True)}]}]}, indent=1)
        assert flagged(tmp_path, notebook, "demo.ipynb"), header                              # a notebook's output


def test_private_key_blocks_of_every_kind_are_flagged(tmp_path):
    body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3S\n"
    for kind in ("", "RSA ", "DSA ", "OPENSSH ", "ENCRYPTED ", "PGP ", "SSH2 ENCRYPTED "):
        suffix = " BLOCK" if kind == "PGP " else ""
        armour = "Version: GnuPG v2\n\n" if kind == "PGP " else ""
        block = f"-----BEGIN {kind}PRIVATE KEY{suffix}-----\n{armour}{body}-----END {kind}PRIVATE KEY{suffix}-----\n"
        assert flagged(tmp_path, block), kind


def test_what_is_not_a_whole_key_is_not_flagged(tmp_path):
    begin, end = "-----BEGIN " + "PRIVATE KEY-----\n", "-----END " + "PRIVATE KEY-----\n"  # no block in this file
    output = [begin, "the first line of the PEM, printed to show its format; the rest of the output follows\n"] * 3
    notebook = json.dumps({"cells": [{"outputs": [{"text": output}]}]}, indent=1)
    assert not flagged(tmp_path, notebook, "demo.ipynb")                                 # headers, no footer
    # Between header and footer, line breaks included: 63 characters are too few, 64 the fewest accepted.
    assert not flagged(tmp_path, begin + "A" * 61 + "\n" + end)
    assert flagged(tmp_path, begin + "A" * 62 + "\n" + end)
    prose = "Keys start with a header (see RFC 7468) and end with a footer. " * 8
    assert not flagged(tmp_path, f"{begin}{prose}{end}")                                 # prose is no body


def test_many_headers_without_footers_are_scanned_quickly(tmp_path):
    start = time.perf_counter()
    assert not flagged(tmp_path, ("-----BEGIN " + "PRIVATE KEY-----\n") * 20_000)
    assert time.perf_counter() - start < 10            # linear: about 0.1 s; a backtracking rule took minutes


def test_type_points_are_rounded_down(tmp_path):
    functions = "".join(f"def f{i}(x: int) -> int: ...\n" for i in range(19)) + "def g(x): ...\n"
    finding = pr.review(make(tmp_path, {"README.md": "# p\n", "m.py": functions})).finding("types")
    assert (finding.points, finding.passed) == (9, False)        # 95 %: not full marks


def test_secret_looking_files_and_contents_are_flagged_and_can_be_allowlisted(tmp_path):
    make(tmp_path, {".env": "DEBUG=1\n", ".env.example": "TOKEN=\n", "deploy/key.pem": "x\n",
                    "settings.py": f"KEY = '{FAKE_AWS_KEY}'\n"})
    seen = pr.review(tmp_path).finding("secrets").seen
    assert seen == ".env (file name); deploy/key.pem (file name); settings.py (AWS access key id)"
    allowed = pr.review(tmp_path, allow=("settings.py",)).finding("secrets").seen
    assert "settings.py" not in allowed and ".env (file name)" in allowed


def test_the_reviewed_repository_config_cannot_run_commands(tmp_path):
    make(tmp_path, GOOD)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "--quiet"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True, env=env)
    planted = tmp_path.parent / "fsmonitor-ran"
    subprocess.run(["git", "config", "core.fsmonitor", f"touch {planted}; echo"], cwd=tmp_path, check=True, env=env)
    assert pr.review(tmp_path).score == 100
    assert not planted.exists()                                   # git would have run it without the override


def test_when_git_fails_the_review_says_so(tmp_path, monkeypatch):
    make(tmp_path, {**GOOD, ".gitignore": ".env\n", ".env": "SECRET=1\n"})
    (tmp_path / ".git").mkdir()                                   # not a repository: git ls-files fails
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    review = pr.review(tmp_path)
    assert review.message.startswith("git could not list the files") and "every file on disk was read" in review.message
    assert not review.finding("secrets").passed                   # the walk sees the ignored .env
    assert review.message in review.report().splitlines()[0]


def test_a_subfolder_of_a_work_tree_is_walked(tmp_path):
    make(tmp_path, {".gitignore": ".env\n", "svc/README.md": "# svc\n", "svc/.env": "X=1\n"})
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "--quiet"], cwd=tmp_path, check=True, env=env)
    assert pr.review(tmp_path).finding("secrets").passed
    assert pr.review(tmp_path / "svc").finding("secrets").seen == ".env (file name)"


def test_in_a_git_work_tree_ignored_files_do_not_count(tmp_path):
    make(tmp_path, {**GOOD, ".gitignore": ".env\n", ".env": "SECRET=1\n"})
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "--quiet"], cwd=tmp_path, check=True, env=env)
    assert pr.review(tmp_path).finding("secrets").passed
    (tmp_path / ".gitignore").write_text("")
    assert not pr.review(tmp_path).finding("secrets").passed


@pytest.mark.parametrize("text, spdx", [
    (MIT, "MIT"),
    ("                                 Apache License\n                           Version 2.0, January 2004\n", "Apache-2.0"),
    ("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n", "AGPL-3.0-only or -or-later"),
    ("GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n", "GPL-3.0-only or -or-later"),
    ("Mozilla Public License Version 2.0\n", "MPL-2.0"),
    ("SPDX-License-Identifier: Apache-2.0 OR MIT\n", "Apache-2.0 OR MIT"),
    ("All rights reserved.\n", None),
])
def test_licences_are_identified_by_spdx_id(text, spdx):
    assert pr.identify_licence(text) == spdx


def test_readme_sections_come_from_markdown_and_rst_headings():
    assert pr.readme_sections("Install\n=======\n\n## Examples\n\nlicense: see the file\n") == {
        "install": True, "usage": True, "tests": False, "licence": False}


def test_annotation_counts_ignore_self_and_need_the_return_type():
    source = ("def a(x: int) -> int: ...\ndef b(x: int): ...\ndef c(x, y: int) -> None: ...\n"
              "class K:\n    def m(self) -> None: ...\n    async def n(self, *args: int, **kw: str) -> None: ...\n")
    assert pr.annotation_counts(source) == (3, 5)
    assert pr.annotation_counts("def broken(:\n") == (0, 0)


@pytest.mark.parametrize("files, points", [
    ({"pylock.toml": ""}, 10), ({"pylock.dev.toml": ""}, 10), ({"poetry.lock": ""}, 10),
    ({"requirements.txt": "flask==3.1.0\n# comment\n-e .\nrequests==2.32.3 ; python_version >= '3.9'\n"}, 10),
    ({"requirements.txt": "flask>=3\n"}, 5), ({"requirements.txt": "flask==3.1.*\n"}, 5),
    ({"requirements.txt": "flask==3.1.0,<4\n"}, 5), ({"requirements.txt": "mylib @ https://example.org/m.whl\n"}, 5),
    ({"requirements.txt": "uvicorn[standard]==0.32.0 \\\n    --hash=sha256:ab12\nidna==3.10  # pinned\n"}, 10), ({"pylock.a.b.toml": ""}, 0), ({}, 0),
    ({"requirements.txt": "flask\n", "requirements-dev.txt": "pytest==8.3.3\n"}, 5),   # every file must be pinned
    ({"requirements.txt": "flask==3.1.0\n", "requirements-dev.txt": "-r requirements.txt\npytest==8.3.3\n"}, 10),
    ({"requirements.txt": "flask==3.1.0\n", "requirements-dev.txt": "-r requirements.txt\n"}, 10),
])
def test_lockfiles(tmp_path, files, points):
    make(tmp_path, {"README.md": "# p\n", **files})
    assert pr.review(tmp_path).finding("lockfile").points == points


def test_pyproject_without_project_table_or_unparsable(tmp_path):
    make(tmp_path, {"pyproject.toml": "[tool.black]\nline-length = 100\n"})
    assert pr.review(tmp_path).finding("packaging").points == 3
    make(tmp_path, {"pyproject.toml": "[project\n"})
    assert pr.review(tmp_path).finding("packaging").points == 0
    make(tmp_path, {"pyproject.toml": '[project]\nname = "x"\ndynamic = ["version"]\n'})
    finding = pr.review(tmp_path).finding("packaging")
    assert (finding.points, finding.advice) == (8, "add requires-python to [project]")


def test_virtualenvs_and_caches_are_not_reviewed(tmp_path):
    make(tmp_path, {"README.md": "# p\n", ".venv/lib/site.py": "def f(x):\n    pass\n", ".venv/id_rsa": "x",
                    "__pycache__/x.py": "def g(y):\n    pass\n"})
    review = pr.review(tmp_path)
    assert review.finding("types").seen == "no functions outside tests"
    assert review.finding("secrets").passed
