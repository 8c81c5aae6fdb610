"""Self-checks in a real JupyterLab: the ipywidgets view as a reader sees it and clicks it.

A JupyterLab server runs on 127.0.0.1 in a temporary directory holding one tiny notebook per
self-check; Debian's chromium (driven by Playwright, offline) runs each notebook and measures
the rendered options: full text, wrapped, code rendered, labelled for screen readers, clickable.
"""
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from interview_book import selfcheck, servers
from interview_book.grading import MESSAGES
from interview_book.selfcheck import visible_text

# Debian's chromium by default; BOOK_CHROMIUM names another Chromium-based browser (as in test_site).
CHROMIUM = os.environ.get("BOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
NOTEBOOKS = {"sql.ipynb": (4, "sql"), "web_security.ipynb": (10, "web-security")}
TIMEOUT_MS = 60_000  # generous: a loaded 2-core machine starts kernels slowly


def write_notebook(path: Path, chapter: int, topic: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source = f"from interview_book import selfcheck\nselfcheck.show({chapter}, {topic!r})"
    notebook.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(notebook, path)


def stop(process: subprocess.Popen, base_url: str, token: str) -> None:
    """Ask the server to shut down (it stops its kernels), then make sure it is gone."""
    try:
        request = urllib.request.Request(f"{base_url}/api/shutdown", method="POST",
                                         headers={"Authorization": f"token {token}"})
        urllib.request.urlopen(request, timeout=10).close()
        process.wait(timeout=30)
    except Exception:
        process.terminate()  # SIGTERM: the server stops its kernels and exits
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free port with a token; its settings and progress file are temporary."""
    root = tmp_path_factory.mktemp("lab-root")
    home = tmp_path_factory.mktemp("lab-home")
    for name, (chapter, topic) in NOTEBOOKS.items():
        write_notebook(root / name, chapter, topic)
    # No "get notified about Jupyter news?" toast over the options, and no request for news.
    notification = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port, token = servers.free_port(), secrets.token_hex(16)
    env = {**os.environ,
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "INTERVIEW_BOOK_PROGRESS": str(home / "progress.json")}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run cells, read kernel status
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log_path = home / "lab.log"
    base_url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base_url}/api/status?token={token}", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer within 90 s:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.3)
        yield {"url": base_url, "token": token, "progress": home / "progress.json"}
    finally:
        stop(process, base_url, token)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must install Debian's chromium; {CHROMIUM} is missing")
        pytest.skip("chromium is not installed (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


def open_and_run(browser, lab, name):
    """Open a notebook in JupyterLab, wait for an idle kernel, run its cell; return the page."""
    # Narrow enough that the longest options must wrap.
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    blocked = []
    context.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).hostname == "127.0.0.1"
                  else (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{lab['url']}/lab/tree/{name}?token={lab['token']}")
    page.wait_for_function(
        """name => {
            const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const kernel = panel && panel.sessionContext && panel.sessionContext.session
                && panel.sessionContext.session.kernel;
            return Boolean(panel && panel.context && panel.context.path === name && kernel && kernel.status === 'idle');
        }""", arg=name, timeout=TIMEOUT_MS)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(".jp-OutputArea-output .ib-question").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    return context, page, blocked


@pytest.fixture(scope="module")
def sql_page(browser, lab):
    context, page, blocked = open_and_run(browser, lab, "sql.ipynb")
    yield page
    assert blocked == [], f"requests to other hosts: {blocked}"
    context.close()


@pytest.fixture(scope="module")
def security_page(browser, lab):
    context, page, blocked = open_and_run(browser, lab, "web_security.ipynb")
    yield page
    assert blocked == [], f"requests to other hosts: {blocked}"
    context.close()


# What cuts an option's text off: any element inside it, or around it up to the cell output, that
# is narrower than its content and clips it (overflow hidden, or an ellipsis).
CUTS = """text => {
    const output = text.closest('.jp-OutputArea-output'), cuts = [];
    const around = [];
    for (let el = text.parentElement; el && el !== output; el = el.parentElement) around.push(el);
    for (const el of [text, ...text.querySelectorAll('*'), ...around]) {
        const style = getComputedStyle(el);
        const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
        if (clips && el.scrollWidth > el.clientWidth + 1) cuts.push(`${el.tagName}.${el.className} ${style.textOverflow}`);
    }
    return cuts;
}"""

MEASURE_OPTIONS = """() => [...document.querySelectorAll('.jp-OutputArea-output .ib-option-text')].map(text => {
    const output = text.closest('.jp-OutputArea-output');
    const box = text.getBoundingClientRect(), outputBox = output.getBoundingClientRect();
    const inner = text.querySelector('.widget-html-content > div'), innerStyle = getComputedStyle(inner);
    const innerHeight = inner.clientHeight - parseFloat(innerStyle.paddingTop) - parseFloat(innerStyle.paddingBottom);
    return {text: text.innerText.replace(/\\s+/g, ' ').trim(), cuts: (%s)(text),
            scrollWidth: text.scrollWidth, clientWidth: text.clientWidth,
            insideOutput: box.left >= outputBox.left - 1 && box.right <= outputBox.right + 1,
            lines: Math.round(innerHeight / parseFloat(innerStyle.lineHeight))};
})""" % CUTS


def option_questions(chapter, topic):
    return [q for q in selfcheck.show(chapter, topic).questions if q.options]


def test_every_option_shows_its_full_text_wrapped(sql_page):
    measured = sql_page.evaluate(MEASURE_OPTIONS)
    expected = [visible_text(option) for q in option_questions(4, "sql") for option in q.options]
    assert [m["text"] for m in measured] == expected
    for option in measured:
        assert option["cuts"] == [], option
        assert option["scrollWidth"] <= option["clientWidth"] + 1, option
        assert option["insideOutput"], option
    assert max(m["lines"] for m in measured) >= 2  # the long options wrap rather than overflow


def test_composite_index_options_are_told_apart_with_code_rendered(sql_page):
    question = next(q for q in option_questions(4, "sql") if q.id == "sql-composite-index-prefix")
    texts = sql_page.locator(".ib-question", has_text=visible_text(question.options[0])).locator(".ib-option-text")
    assert texts.count() == len(question.options) == len({visible_text(o) for o in question.options})
    for index, option in enumerate(question.options):
        text = texts.nth(index)
        assert text.is_visible()
        assert text.inner_text().strip() == visible_text(option)
        assert text.locator("code").inner_text() == option.strip("`")  # backticks became <code>, none shown
        assert text.evaluate(CUTS) == [], f"part of {option} is cut off"
        box = text.bounding_box()
        assert box["x"] + box["width"] <= sql_page.viewport_size["width"]


def test_each_option_control_is_named_by_its_text_for_screen_readers(sql_page):
    """Chromium's own accessibility tree: every option is a checkbox whose name is the option text."""
    cdp = sql_page.context.new_cdp_session(sql_page)
    cdp.send("Accessibility.enable")
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    names = [node.get("name", {}).get("value") for node in nodes
             if node.get("role", {}).get("value") == "checkbox" and not node.get("ignored")]
    expected = [visible_text(option) for q in option_questions(4, "sql") for option in q.options]
    assert names == expected
    for name in expected:
        assert sql_page.get_by_role("checkbox", name=name, exact=True).count() == 1


def test_options_toggle_on_click_and_check_gives_feedback(security_page, lab):
    page = security_page
    single = next(q for q in option_questions(10, "web-security") if q.kind == "single")
    multiple = next(q for q in option_questions(10, "web-security") if q.kind == "multiple")

    # Every option's checkbox can be clicked: nothing covers it (long radio labels used to).
    for question in option_questions(10, "web-security"):
        for option in question.options:
            page.get_by_role("checkbox", name=visible_text(option), exact=True).click(trial=True, timeout=15_000)

    # A multiple-answer option toggles on at its checkbox and off at its text, as a label would.
    box = page.get_by_role("checkbox", name=visible_text(multiple.options[0]), exact=True)
    box.click(timeout=15_000)
    page.wait_for_function("box => box.checked", arg=box.element_handle())
    text = page.locator(".ib-option", has=box).locator(".ib-option-text")
    text.scroll_into_view_if_needed()
    area = text.bounding_box()
    page.mouse.click(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    page.wait_for_function("box => !box.checked", arg=box.element_handle())

    # A single-answer question keeps one choice: choosing another option clears the first.
    wrong = next(i for i in range(len(single.options)) if i != single.answer)
    boxes = [page.get_by_role("checkbox", name=visible_text(o), exact=True) for o in single.options]
    boxes[wrong].click(timeout=15_000)
    page.wait_for_function("box => box.checked", arg=boxes[wrong].element_handle())
    boxes[single.answer].click(timeout=15_000)
    page.wait_for_function("([chosen, cleared]) => chosen.checked && !cleared.checked",
                           arg=[boxes[single.answer].element_handle(), boxes[wrong].element_handle()])
    assert [b.is_checked() for b in boxes] == [i == single.answer for i in range(len(boxes))]

    question = page.locator(".ib-question", has=boxes[0])
    question.get_by_role("button", name=re.compile("^Check answer")).click(timeout=15_000)
    feedback = question.get_by_role("status")
    feedback.filter(has_text=MESSAGES["correct"]).wait_for(timeout=TIMEOUT_MS)
    assert feedback.get_attribute("aria-live") == "polite"
    answers = json.loads(lab["progress"].read_text())["answers"]
    assert [(a["question"], a["response"], a["status"]) for a in answers] == [(single.id, single.answer, "correct")]
