"""Score a project folder against what a reviewer (or a hiring engineer) looks for, for chapter 13.

``review(folder)`` reads the folder and returns a ``Review``: one ``Finding`` per check (README
sections, licence, tests, CI, packaging, type hints, lockfile, ``.gitignore``, secret-looking
files), each with the points earned, what was seen and one concrete piece of advice, and a total
score out of 100. It is a heuristic: it reads file names and text and parses Python with ``ast``;
it never imports or runs the project's code.

Safety rules: symlinks are never followed (a link is listed as skipped, wherever it points), files
over ``MAX_BYTES`` and binary files (a NUL byte in the first 8 KiB) are not read, and a missing,
non-directory or empty folder gives a review with no findings and a message saying so. In a git
work tree (the folder holds ``.git``) only the files git would publish are looked at (tracked, plus
untracked files that are not ignored), so a virtualenv or build output that ``.gitignore`` excludes
does not count. A sub-folder of a work tree is walked like any folder, on purpose: a home directory
kept in git (dotfiles) would otherwise hide every file of a project under it. git runs with
``core.fsmonitor`` switched off, because that setting in the reviewed repository's own
``.git/config`` names a command git would otherwise execute; if git fails, the walk is used and the
review's message says why.
"""
from __future__ import annotations

import ast
import os
import re
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_BYTES = 1_000_000
SKIPPED_DIRECTORIES = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox", "_build",
                       ".mypy_cache", ".pytest_cache", ".ruff_cache", "dist", "build", "site-packages"}

# The headings a reader looks for, each with the words that count as that heading.
README_SECTIONS = {
    "install": ("install", "installation", "getting started", "setup", "set up", "quick start", "quickstart"),
    "usage": ("usage", "example", "examples", "how to use", "quick start", "quickstart", "getting started"),
    "tests": ("test", "tests", "testing", "running the tests", "development", "contributing"),
    "licence": ("licence", "license", "licensing"),
}

# Phrases that identify the common licences' texts, and their SPDX identifiers. The GNU texts are
# the same for "only" and "or later" (SPDX deprecated the bare GPL-3.0 id in 2017): which one applies
# is written in the notices, not in the licence text, so the text alone names both.
LICENCE_FINGERPRINTS = [
    ("AGPL-3.0-only or -or-later", ("GNU AFFERO GENERAL PUBLIC LICENSE", "Version 3")),
    ("LGPL-3.0-only or -or-later", ("GNU LESSER GENERAL PUBLIC LICENSE", "Version 3")),
    ("GPL-3.0-only or -or-later", ("GNU GENERAL PUBLIC LICENSE", "Version 3")),
    ("GPL-2.0-only or -or-later", ("GNU GENERAL PUBLIC LICENSE", "Version 2")),
    ("Apache-2.0", ("Apache License", "Version 2.0")),
    ("MPL-2.0", ("Mozilla Public License", "2.0")),
    ("MIT", ("Permission is hereby granted, free of charge",)),
    ("BSD-3-Clause", ("Redistribution and use in source and binary forms", "Neither the name")),
    ("BSD-2-Clause", ("Redistribution and use in source and binary forms",)),
    ("Unlicense", ("This is free and unencumbered software released into the public domain",)),
]
SPDX_LINE = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+(?:\s+(?:OR|AND|WITH)\s+[A-Za-z0-9.+-]+)*)")
LICENCE_FILE = re.compile(r"^(licen[cs]e|copying)(\.(md|txt|rst))?$", re.IGNORECASE)
README_FILE = re.compile(r"^readme(\.(md|rst|txt))?$", re.IGNORECASE)

CI_FILES = (".gitlab-ci.yml", "Jenkinsfile", ".circleci/config.yml", "azure-pipelines.yml",
            "bitbucket-pipelines.yml", ".travis.yml")
PYLOCK = re.compile(r"^pylock\.([^.]+\.)?toml$")  # PEP 751 file names
LOCKFILES = ("uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock")
# One exact version: a name, optional [extras], one == or === clause without a wildcard, then only a
# marker or --hash options (the exercise "unpinned-requirements" states the same rule).
PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*===?\s*[^\s;,*]+\s*(;.*|\s--.*)?$")

SECRET_NAMES = re.compile(r"(^|/)(\.env(\.[a-z]+)?|id_rsa|id_ed25519|id_ecdsa|\.pypirc|\.netrc|"
                          r"credentials\.json|[^/]+\.(pem|key|p12|pfx))$")
SECRET_NAME_EXCEPTIONS = re.compile(r"(^|/)\.env\.(example|sample|template)$")
SECRET_TEXT = {
    # A whole block: header, at least 64 characters that can make up a PEM body (base64, armour headers
    # such as Proc-Type, line breaks, and the quotes and backslashes of a key pasted into code or a
    # notebook's JSON), footer. A header line alone, as printed to show the format, is no key. The body
    # never crosses another header, so a file of headers without footers is scanned in linear time.
    "private key block": re.compile(r"-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----"
                                    r"(?:(?!-----BEGIN )[A-Za-z0-9+/=:,.'\"\s\\-]){64,}?"
                                    r"-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----"),
    "AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}\b"),
}


@dataclass(frozen=True)
class Finding:
    check: str
    points: int
    out_of: int
    seen: str
    advice: str = ""

    @property
    def passed(self) -> bool:
        return self.points == self.out_of


@dataclass
class Review:
    folder: str
    findings: list[Finding] = field(default_factory=list)
    message: str = ""
    skipped: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(f.points for f in self.findings)

    def finding(self, check: str) -> Finding:
        return next(f for f in self.findings if f.check == check)

    def report(self) -> str:
        """A plain-text table: one line per check, then the advice for every check not passed."""
        if not self.findings:
            return f"{self.folder}: {self.message}"
        lines = [f"{self.folder}: {self.score}/100" + (f" ({self.message})" if self.message else "")]
        lines += [f"  {'ok ' if f.passed else '-- '} {f.check:<11} {f.points:>2}/{f.out_of:<2}  {f.seen}"
                  for f in self.findings]
        advice = [f"  * {f.check}: {f.advice}" for f in self.findings if not f.passed and f.advice]
        return "\n".join(lines + (["advice:"] + advice if advice else []))


def review(folder: str | Path, allow: tuple[str, ...] = (), name: str | None = None) -> Review:
    """Review the project in ``folder``. ``allow`` lists paths (relative, POSIX) whose secret-looking
    content a person has checked and accepted, as a scanner's allowlist or baseline does; ``name``
    is what the report calls the folder (by default its name)."""
    root = Path(folder)
    name = name or root.resolve().name
    if not root.exists():
        return Review(name, message="no such folder: nothing to review")
    if root.is_symlink() or not root.is_dir():
        return Review(name, message="not a folder (or a symlink to one, which is not followed)")
    files, skipped, note = _files(root)
    if not files:
        return Review(name, message="the folder is empty: nothing to review", skipped=skipped)
    texts: dict[str, str] = {}
    for path in files:
        text, reason = _read(root / path)
        if text is None:
            skipped.append(f"{path} ({reason})")
        else:
            texts[path] = text
    findings = [_readme(texts), _licence(texts), _tests(files, texts), _ci(files), _packaging(texts),
                _type_hints(texts), _lockfile(files, texts), _gitignore(texts), _secrets(files, texts, set(allow))]
    return Review(name, findings, message=note, skipped=sorted(skipped))


def _files(root: Path) -> tuple[list[str], list[str], str]:
    """Relative POSIX paths of the regular files to review, the symlinks skipped, and a note when
    the folder holds ``.git`` but git could not list it (so every file on disk was read)."""
    candidates, note = _git_files(root)
    if candidates is None:
        candidates = []
        for directory, subdirectories, names in os.walk(root):  # followlinks=False: links are not entered
            here = Path(directory)
            linked = [name for name in subdirectories if (here / name).is_symlink()]
            subdirectories[:] = sorted(name for name in subdirectories
                                       if name not in SKIPPED_DIRECTORIES and name not in linked)
            candidates += [(here / name).relative_to(root).as_posix() for name in [*names, *linked]]
    files, skipped = [], []
    for relative in candidates:
        parts = PurePosixPath(relative).parts
        if any(root.joinpath(*parts[:i]).is_symlink() for i in range(1, len(parts) + 1)):
            skipped.append(f"{relative} (symlink, not followed)")
        elif (root / relative).is_file():
            files.append(relative)
    return sorted(files), skipped, note


def _git_files(root: Path) -> tuple[list[str] | None, str]:
    """What git would publish from this work tree (None when the folder is not the top of one or git
    fails), and why git failed. ``core.fsmonitor`` is switched off: in the reviewed repository's own
    config it names a command that ``git ls-files`` would run."""
    if not (root / ".git").exists():
        return None, ""
    try:
        listed = subprocess.run(["git", "-c", "core.fsmonitor=false", "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard"], cwd=root, capture_output=True, timeout=30, check=True).stdout
    except subprocess.CalledProcessError as error:
        reason = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        return None, f"git could not list the files ({reason[0] if reason else 'exit status ' + str(error.returncode)}); every file on disk was read"
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"git could not list the files ({type(error).__name__}); every file on disk was read"
    return sorted({name for name in listed.decode("utf-8", "replace").split("\0") if name}), ""


def _read(path: Path) -> tuple[str | None, str]:
    """The text of a file (undecodable bytes replaced), or None and the reason it was not read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, f"over {MAX_BYTES} bytes"
        data = path.read_bytes()
    except OSError as error:
        return None, f"unreadable: {error.strerror or type(error).__name__}"
    if b"\0" in data[:8192]:
        return None, "binary"
    return data.decode("utf-8", "replace"), ""


def _top(texts: dict[str, str], pattern: re.Pattern) -> str | None:
    return next((path for path in sorted(texts) if "/" not in path and pattern.match(path)), None)


def readme_headings(text: str) -> list[str]:
    """Markdown (``#``) and reStructuredText (underlined) headings, lower-cased."""
    lines = text.splitlines()
    headings = [m.group(1) for m in (re.match(r"^#{1,6}\s+(.+?)\s*#*\s*$", line) for line in lines) if m]
    headings += [lines[i].strip() for i in range(len(lines) - 1)
                 if lines[i].strip() and re.fullmatch(r"([=\-~^])\1{2,}", lines[i + 1].strip())]
    return [h.lower() for h in headings]


def readme_sections(text: str) -> dict[str, bool]:
    """Which of README_SECTIONS have a heading in ``text``."""
    headings = readme_headings(text)
    return {section: any(re.search(rf"\b{re.escape(word)}\b", h) for h in headings for word in words)
            for section, words in README_SECTIONS.items()}


def _readme(texts: dict[str, str]) -> Finding:
    path = _top(texts, README_FILE)
    if path is None:
        return Finding("readme", 0, 20, "no README", "add a README: what it does, install, usage, tests, licence")
    found = readme_sections(texts[path])
    missing = [section for section, present in found.items() if not present]
    points = 4 + 4 * (len(found) - len(missing))
    seen = f"{path}: " + (", ".join(s for s in found if found[s]) or "no recognised sections")
    return Finding("readme", points, 20, seen,
                   f"add headings for {', '.join(missing)}" if missing else "")


def identify_licence(text: str) -> str | None:
    """The SPDX identifier of a licence text (an SPDX line wins), or None if it is not recognised.

    For the GNU licences the text cannot tell "only" from "or later" (that is in the notices), so the
    answer names both, e.g. ``"GPL-3.0-only or -or-later"``; it is deliberately not an SPDX expression."""
    tagged = SPDX_LINE.search(text)
    if tagged:
        return tagged.group(1)
    flat = " ".join(text.split())
    return next((spdx for spdx, phrases in LICENCE_FINGERPRINTS if all(p in flat for p in phrases)), None)


def _licence(texts: dict[str, str]) -> Finding:
    path = _top(texts, LICENCE_FILE)
    if path is None:
        return Finding("licence", 0, 10, "no licence file",
                       "add a LICENSE file (without one, nobody may legally reuse the code)")
    spdx = identify_licence(texts[path])
    if spdx is None:
        return Finding("licence", 5, 10, f"{path}: not recognised",
                       "use an unmodified standard licence text, or add an SPDX-License-Identifier line")
    return Finding("licence", 10, 10, f"{path}: {spdx}")


def _is_test_file(path: str) -> bool:
    name = PurePosixPath(path).name
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))


def _tests(files: list[str], texts: dict[str, str]) -> Finding:
    test_files = [p for p in files if _is_test_file(p) and p in texts]
    count = sum(len(re.findall(r"^\s*(?:async\s+)?def test_", texts[p], flags=re.MULTILINE)) for p in test_files)
    if not count:
        return Finding("tests", 0, 15, "no test functions found", "add pytest tests (tests/test_*.py)")
    return Finding("tests", 15, 15, f"{count} test function{'s' * (count != 1)} in {len(test_files)} file{'s' * (len(test_files) != 1)}")


def _ci(files: list[str]) -> Finding:
    found = [p for p in files if p in CI_FILES or
             (p.startswith(".github/workflows/") and p.endswith((".yml", ".yaml")))]
    if not found:
        return Finding("ci", 0, 10, "no CI configuration",
                       "add a CI workflow (e.g. .github/workflows/tests.yml) that runs the tests on every push")
    return Finding("ci", 10, 10, ", ".join(found[:3]) + (" ..." if len(found) > 3 else ""))


def _packaging(texts: dict[str, str]) -> Finding:
    if "pyproject.toml" not in texts:
        has_setup = "setup.py" in texts
        return Finding("packaging", 3 if has_setup else 0, 10, "setup.py only" if has_setup else "no pyproject.toml",
                       "declare the project in pyproject.toml ([project] with name, version, requires-python)")
    try:
        data = tomllib.loads(texts["pyproject.toml"])
    except tomllib.TOMLDecodeError as error:
        return Finding("packaging", 0, 10, f"pyproject.toml does not parse: {error}", "fix the TOML syntax")
    project = data.get("project", {})
    wanted = ["name", "version", "requires-python"]
    missing = [key for key in wanted if key not in project and key not in project.get("dynamic", [])]
    if not project:
        return Finding("packaging", 3, 10, "pyproject.toml without [project]",
                       "add a [project] table (PEP 621): name, version, requires-python, dependencies")
    points = 10 - 2 * len(missing)
    return Finding("packaging", points, 10, "pyproject.toml [project]" + (f", missing {', '.join(missing)}" if missing else ""),
                   f"add {', '.join(missing)} to [project]" if missing else "")


def annotation_counts(source: str) -> tuple[int, int]:
    """(fully annotated functions, all functions) in Python source: a function counts as annotated when
    its return and every parameter except a leading self/cls carry an annotation."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return 0, 0
    annotated = total = 0
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            total += 1
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            if positional and positional[0].arg in ("self", "cls"):
                positional = positional[1:]
            params = [*positional, *args.kwonlyargs, *([args.vararg] if args.vararg else []),
                      *([args.kwarg] if args.kwarg else [])]
            if node.returns is not None and all(p.annotation is not None for p in params):
                annotated += 1
    return annotated, total


def _type_hints(texts: dict[str, str]) -> Finding:
    sources = [p for p in texts if p.endswith(".py") and not _is_test_file(p)]
    annotated = total = 0
    for path in sources:
        a, t = annotation_counts(texts[path])
        annotated, total = annotated + a, total + t
    if not total:
        return Finding("types", 0, 10, "no functions outside tests", "")
    share = annotated / total
    points = (10 * annotated) // total                  # rounded down: full marks only when every function is annotated
    return Finding("types", points, 10, f"{annotated}/{total} functions annotated ({share:.0%})",
                   "" if points == 10 else "annotate public functions and run a type checker (mypy or pyright) in CI")


def _lockfile(files: list[str], texts: dict[str, str]) -> Finding:
    found = [p for p in files if "/" not in p and (p in LOCKFILES or PYLOCK.match(p))]
    if found:
        return Finding("lockfile", 10, 10, ", ".join(found))
    requirements = [p for p in texts if "/" not in p and re.fullmatch(r"requirements[\w.-]*\.txt", p)]
    pinned, unpinned = [], []
    for path in sorted(requirements):
        lines = [re.sub(r"(^|\s)#.*", "", line).strip() for line in texts[path].replace("\\\n", " ").splitlines()]
        lines = [line for line in lines if line and not line.startswith(("-", "\\"))]
        if lines:                                        # a file of options only (-r base.txt) is neither
            (pinned if all(PINNED.match(line) for line in lines) else unpinned).append((path, len(lines)))
    if pinned and not unpinned:                          # every requirements file must be a lock, not just one
        count = sum(n for _, n in pinned)
        return Finding("lockfile", 10, 10, f"{', '.join(p for p, _ in pinned)}: all {count} requirements pinned")
    if requirements:
        return Finding("lockfile", 5, 10, f"{', '.join(p for p, _ in unpinned) or ', '.join(requirements)}: not every requirement pinned",
                       "pin exact versions (uv lock, or pip-compile / pip lock to pylock.toml)")
    return Finding("lockfile", 0, 10, "no lockfile",
                   "commit a lockfile (uv.lock, poetry.lock or a PEP 751 pylock.toml) so installs are reproducible")


def _gitignore(texts: dict[str, str]) -> Finding:
    text = texts.get(".gitignore")
    if text is None:
        return Finding("gitignore", 0, 5, "no .gitignore", "add a .gitignore (virtualenvs, __pycache__, .env, build output)")
    return Finding("gitignore", 5, 5, f".gitignore: {len([l for l in text.splitlines() if l.strip()])} patterns")


def _secrets(files: list[str], texts: dict[str, str], allow: set[str]) -> Finding:
    flagged = [f"{p} (file name)" for p in files if SECRET_NAMES.search(p) and not SECRET_NAME_EXCEPTIONS.search(p)]
    accepted_paths = 0
    for path, text in sorted(texts.items()):
        kinds = [kind for kind, pattern in SECRET_TEXT.items() if pattern.search(text)]
        if kinds and path in allow:
            accepted_paths += 1
        elif kinds:
            flagged.append(f"{path} ({', '.join(kinds)})")
    if flagged:
        return Finding("secrets", 0, 10, "; ".join(flagged),
                       "remove them, rotate any real credential (it stays in git history), load secrets from the "
                       "environment, and run a scanner (gitleaks, detect-secrets) in a pre-commit hook")
    accepted = f" ({accepted_paths} allowlisted)" if accepted_paths else ""
    return Finding("secrets", 10, 10, "nothing secret-looking" + accepted)
