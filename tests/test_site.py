"""The built site: a warning-free build, then a real offline browser answering self-checks.

The build starts from an empty `_build/html` and uses `--all`, so every page is re-read and any
warning resurfaces. It renders the committed outputs (the notebooks themselves run under nbval).
"""
import json
import os
from datetime import datetime, timedelta, timezone
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from interview_book import diagrams, exercises, icon_font, review, selfcheck, servers, site_weight, sphinx_ext, syllabus
from interview_book.grading import MESSAGES
from interview_book.questions import Question

from test_learner import PAGE_MARKUP

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
# Debian's chromium by default; BOOK_CHROMIUM names another Chromium-based browser (GitHub's runners
# have Google Chrome). A browser is never downloaded.
CHROMIUM = os.environ.get("BOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
BUILD_COMMAND = [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going", "--all"]
CHAPTERS = [section for section in syllabus.sections() if section.notebook]
REQUESTED: list[str] = []  # every path the test site served, in order


@pytest.fixture(scope="session")
def build():
    if os.environ.get("BOOK_SITE_PREBUILT") and (HTML / "index.html").exists():
        # Working on the site's scripts: test the site already in _build/html (built with BUILD_COMMAND);
        # the build's own checks are skipped.
        return subprocess.CompletedProcess(BUILD_COMMAND, 0, "prebuilt", "")
    shutil.rmtree(HTML, ignore_errors=True)  # no stale pages
    result = subprocess.run(BUILD_COMMAND, cwd=ROOT, capture_output=True, text=True, timeout=900)
    return result


def test_book_builds_with_zero_warnings(build):
    if build.stdout == "prebuilt":
        pytest.skip("BOOK_SITE_PREBUILT: the site in _build/html was not rebuilt")
    log = build.stdout + build.stderr
    assert build.returncode == 0, log[-4000:]
    # Sphinx reports "path: WARNING: message"; kernels' own log lines ("[IPKernelApp] WARNING | ...")
    # are not build warnings.
    assert not re.findall(r"(?m)^.*(?:^|: )WARNING: .*$", log)
    assert "build succeeded" in log
    for section in CHAPTERS:
        assert (HTML / "notebooks" / f"{section.notebook}.html").exists()


def test_charts_are_written_with_a_palette(build):
    from PIL import Image

    charts = sorted((HTML / "_images").glob("*.png"))
    assert charts
    for chart in charts:
        with Image.open(chart) as image:
            assert image.mode == "P", f"{chart.name} is {image.mode}: full colour, three to four times larger"


EXTERNAL_ASSET = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)


def test_pages_load_nothing_from_other_hosts_and_carry_no_widget_state(build):
    for page in HTML.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        name = page.relative_to(HTML)
        assert not EXTERNAL_ASSET.search(text.replace('rel="canonical"', "")), f"{name} loads from another host"
        assert "application/vnd.jupyter.widget-state+json" not in text, f"{name} embeds widget state"
        assert text.count("const THEBE_JS_URL") <= 1, f"{name} declares THEBE_JS_URL twice"


def test_chapter_pages_carry_one_self_check_engine_and_style(build):
    """Each self-check output holds the engine and its style inline; a built page keeps one style and
    links the engine's file once (sphinx_ext), and the engine activates every group (tested below)."""
    engine, style = f"<script>{selfcheck._engine()}</script>", f"<style>{selfcheck.STYLE}</style>"
    for section in CHAPTERS:
        text = (HTML / "notebooks" / f"{section.notebook}.html").read_text("utf-8")
        assert text.count('class="ib-selfcheck"') >= 2, section.notebook
        assert engine not in text and text.count(style) == 1, section.notebook
        assert len(re.findall(r'<script defer="defer" src="[^"]*interview-book/selfcheck\.js', text)) == 1, section.notebook


def test_practice_pages_pass_their_markup_through_unchanged(build):
    for page, markup in PAGE_MARKUP:
        assert markup() in (HTML / "book" / page.replace(".md", ".html")).read_text("utf-8"), page


@pytest.fixture(scope="session")
def site(build):
    assert build.returncode == 0
    with servers.serve_directory(HTML, REQUESTED) as base_url:
        yield base_url


@pytest.fixture(scope="session")
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


class OfflinePage:
    """A browser page that may only reach 127.0.0.1 and records errors and blocked requests."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.blocked, self.errors = [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))

    def _route(self, route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def assert_clean(self):
        assert self.blocked == [], f"requests to other hosts: {self.blocked}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def offline(browser):
    page = OfflinePage(browser)
    yield page
    page.context.close()


@pytest.mark.parametrize("path", ["index.html", "book/syllabus.html"])
def test_prose_pages_load_cleanly_offline(site, offline, path):
    offline.page.goto(f"{site}/{path}")
    offline.page.wait_for_load_state("networkidle")
    assert "interview-book/exercises.js" not in offline.page.content()  # only pages with exercises load it
    assert "interview-book/learner.js" not in offline.page.content()  # only pages with a learner view load it
    offline.assert_clean()


def test_search_works_although_only_the_search_page_loads_the_index(site, offline):
    page = offline.page
    page.goto(f"{site}/notebooks/{CHAPTERS[0].notebook}.html")
    page.wait_for_load_state("networkidle")
    assert not {"searchindex.js", "searchtools.js", "language_data.js"} & {
        Path(urlparse(src).path).name for src in page.eval_on_selector_all("script[src]", "scripts => scripts.map(s => s.src)")}
    page.goto(f"{site}/search.html?q=consistent+hashing")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    found = page.locator("#search-results ul.search li a").all_inner_texts()
    assert any("System Design" in title for title in found), found
    offline.assert_clean()


def test_theme_icons_render_without_fontawesome_js(site, offline):
    """Pages skip the theme's fontawesome.js (see book/_templates); icons still come from its web fonts."""
    page = offline.page
    page.goto(f"{site}/notebooks/{CHAPTERS[0].notebook}.html")
    page.wait_for_load_state("networkidle")
    icons = page.evaluate("""() => [...document.querySelectorAll('.article-header-buttons i, .theme-switch')]
        .filter(icon => icon.offsetParent !== null)
        .map(icon => [icon.className, icon.getBoundingClientRect().width,
                      getComputedStyle(icon, '::before').fontFamily])""")
    assert icons
    for name, width, font in icons:
        assert width > 0 and "Font Awesome" in font, name
    assert "fontawesome.js" not in page.content()
    offline.assert_clean()


def test_header_menus_open_close_and_move_with_the_keyboard_without_bootstrap(site, offline):
    """menus.js replaces the theme's Bootstrap bundle for the launch, source and download menus."""
    page = offline.page
    page.goto(f"{site}/notebooks/{CHAPTERS[0].notebook}.html")
    page.wait_for_load_state("networkidle")
    assert "scripts/bootstrap.js" not in page.content()
    toggle = page.locator('button[aria-label="Launch interactive content"]')
    menu = toggle.locator("xpath=following-sibling::ul")
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Binder"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Colab"   # wraps around
    page.keyboard.press("Escape")
    assert not menu.is_visible() and page.evaluate("document.activeElement.getAttribute('aria-label')") == toggle.get_attribute("aria-label")
    toggle.click()
    assert menu.is_visible()
    page.mouse.click(5, 600)                                        # a click elsewhere closes it
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert page.locator(".theme-switch-button").first.get_attribute("title") == "Color mode"
    offline.assert_clean()


def test_theme_keeps_only_used_icons_and_each_keeps_its_glyph(build):
    """The build cuts the theme's stylesheet (css_purge) and Font Awesome (icon_font) down to what pages use."""
    from fontTools.ttLib import TTFont

    css = (HTML / "_static" / "styles" / "pydata-sphinx-theme.css").read_text("utf-8")
    icons = set(re.findall(r"\.(fa-[a-z0-9-]+)::?before", css))
    assert {"fa-bars", "fa-github", "fa-moon", "fa-sun", "fa-magnifying-glass"} <= icons  # header, theme switch
    assert len(icons) < 100, f"{len(icons)} icon rules kept: the theme's ~1,800 were not cut"
    covered = set()
    for font in (HTML / icon_font.FONTS).glob("*.woff2"):
        covered |= set(TTFont(font).getBestCmap())
    used = set()
    for stylesheet in (HTML / "_static").rglob("*.css"):
        used |= {glyph for glyph in icon_font.glyphs(stylesheet.read_text("utf-8")) if 0xE000 <= glyph <= 0xF8FF}
    assert used and not used - covered, [hex(glyph) for glyph in sorted(used - covered)]


@pytest.mark.parametrize("section", CHAPTERS, ids=lambda section: section.notebook)
def test_chapter_pages_stay_within_the_weight_budget(site, browser, section):
    """The HTML plus every same-origin file the browser loads for it, raw and gzip-compressed (bytes, not time)."""
    files = site_weight.fetched_files(browser, site, HTML, f"notebooks/{section.notebook}.html")
    count, raw, packed = site_weight.weigh(files)
    largest = sorted(files, key=lambda path: path.stat().st_size, reverse=True)[:5]
    assert site_weight.within_budget(raw, packed), (
        f"{count} files, {raw / 1024:.0f} KiB raw and {packed / 1024:.0f} KiB gzip, over the budget of "
        f"{site_weight.BUDGET[0] / 1024:.0f} KiB raw and {site_weight.BUDGET[1] / 1024:.0f} KiB gzip; largest: "
        + ", ".join(f"{path.relative_to(HTML)} {path.stat().st_size / 1024:.0f} KiB" for path in largest))


def test_diagrams_are_named_images_that_follow_the_dark_theme(site, offline):
    """A page's Mermaid blocks arrive as inline SVG (no diagram script), named by their alt text."""
    chapter = next(section for section in CHAPTERS
                   if any(d.where.startswith(f"notebooks/{section.notebook}.") for d in diagrams.in_book(ROOT)))
    page = offline.page
    page.emulate_media(color_scheme="dark")  # the theme follows the system setting
    page.goto(f"{site}/notebooks/{chapter.notebook}.html")
    page.wait_for_load_state("networkidle")
    figures = page.evaluate("""() => [...document.querySelectorAll('figure.ib-diagram')].map(figure => {
        const svg = figure.querySelector('svg');
        return [figure.getAttribute('role'), figure.getAttribute('aria-label'),
                svg.getBoundingClientRect().width, getComputedStyle(svg).filter];
    })""")
    assert figures
    for role, label, width, dark_filter in figures:
        assert role == "img" and label and width > 100
        assert "invert" in dark_filter
    assert "mermaid" not in " ".join(page.evaluate("() => [...document.scripts].map(s => s.src)"))
    offline.assert_clean()


# --- accessibility: axe-core from node_modules (package.json, never a CDN), keyboard, search ----

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
READER_PAGES = ["book/index.html", "book/syllabus.html", *(f"notebooks/{s.notebook}.html" for s in CHAPTERS),
                "book/interview_questions.html", "book/progress.html", "book/review.html", "book/mock_interview.html"]
BLOCKING_IMPACTS = {"serious", "critical"}
KEPT_CLEAN_RULES = {"region", "empty-table-header", "heading-order"}  # moderate/minor rules the book fixed and keeps fixed


def start_axe(page):
    """Start axe-core on the page as it stands; ``axe_result`` collects its violations.

    The run starts from a timer: most of axe's work is synchronous, and ``evaluate`` would wait for
    it, so a second page could not start until the first had finished."""
    page.add_script_tag(path=str(AXE))
    page.evaluate("""() => { window.ibAxe = null; setTimeout(() =>
        axe.run(document, {resultTypes: ['violations']})
           .then(result => { window.ibAxe = result.violations.map(v => ({rule: v.id, impact: v.impact,
                count: v.nodes.length, where: v.nodes.slice(0, 3).map(node => node.target.join(' '))})); })
           .catch(error => { window.ibAxe = [{rule: 'axe-error', impact: 'critical', count: 1, where: [String(error)]}]; }), 0); }""")


def axe_result(page):
    page.wait_for_function("() => window.ibAxe !== null", timeout=300_000)
    return page.evaluate("window.ibAxe")


def test_reader_pages_pass_axe_with_no_console_error_and_no_other_host(site, browser):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci`")
    # Light and dark side by side: each scheme has its own browser context, so its own renderer
    # process, and the two axe runs of a page share the machine's cores instead of queueing.
    schemes = {scheme: OfflinePage(browser) for scheme in ("light", "dark")}
    try:
        found = []
        for scheme, offline in schemes.items():
            offline.page.emulate_media(color_scheme=scheme)  # the theme follows the system setting
        for path in READER_PAGES:
            for scheme, offline in schemes.items():
                offline.page.goto(f"{site}/{path}")
                offline.page.wait_for_load_state("networkidle")
                assert offline.page.evaluate("document.documentElement.dataset.theme") == scheme, path
                start_axe(offline.page)
            for scheme, offline in schemes.items():
                found += [f"{path} ({scheme}): {v['rule']} ({v['impact']}) x{v['count']}: {v['where']}"
                          for v in axe_result(offline.page)
                          if v["impact"] in BLOCKING_IMPACTS or v["rule"] in KEPT_CLEAN_RULES]
        for offline in schemes.values():
            offline.assert_clean()
        assert not found, "\n".join(found)
    finally:
        for offline in schemes.values():
            offline.context.close()


def accessible_name(page, selector):
    """Chromium's own accessible name for the element (what a screen reader announces)."""
    cdp = page.context.new_cdp_session(page)
    node = cdp.send("DOM.querySelector", {"nodeId": cdp.send("DOM.getDocument")["root"]["nodeId"], "selector": selector})
    tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})
    cdp.detach()
    return tree["nodes"][0].get("name", {}).get("value", "").strip()


def test_selfcheck_and_exercise_controls_are_named_and_reached_with_tab(site, offline):
    section = next(s for s in CHAPTERS if exercises.load(s.number))
    page = offline.page
    page.goto(f"{site}/notebooks/{section.notebook}.html")
    page.wait_for_load_state("networkidle")
    # Every visible control of a self-check or an exercise; Tab enters a group of radio buttons once.
    wanted = page.evaluate("""() => {
        const groups = new Set();
        return [...document.querySelectorAll('section.ib-selfcheck, section.ib-exercise')]
            .flatMap(section => [...section.querySelectorAll('input, button, textarea, select, a[href], summary')])
            .filter(control => control.getClientRects().length && !control.disabled)
            .filter(control => control.type !== 'radio' || !groups.has(control.name) && groups.add(control.name))
            .map((control, index) => (control.dataset.ibStop = String(index)));
    }""")
    assert len(wanted) > 20
    unnamed = [stop for stop in wanted if not accessible_name(page, f"[data-ib-stop='{stop}']")]
    assert not unnamed, [page.locator(f"[data-ib-stop='{stop}']").evaluate("c => c.outerHTML") for stop in unnamed]

    stops = page.evaluate("document.querySelectorAll('a[href], button, input, textarea, select, summary, [tabindex]').length")
    reached = set()
    for _ in range(stops + 10):
        # The exercise editor keeps Tab for indenting until Esc, as its help text says.
        if page.evaluate("document.activeElement.matches('section.ib-exercise textarea')"):
            page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.dataset.ibStop || null"))
        if reached.issuperset(wanted):
            break
    missed = sorted(set(wanted) - reached, key=int)
    assert not missed, [page.locator(f"[data-ib-stop='{stop}']").evaluate("c => c.outerHTML")[:200] for stop in missed]
    offline.assert_clean()


SEARCH_CONTROLS = "button.search-button__button, form.bd-search input, input[type=search]"


@pytest.mark.parametrize("width", [1280, 480], ids=["wide", "narrow"])
def test_a_chapter_page_has_one_search_control_and_ctrl_k_searches(site, offline, width):
    page = offline.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site}/notebooks/{CHAPTERS[0].notebook}.html")
    page.wait_for_load_state("networkidle")
    controls = page.locator(SEARCH_CONTROLS)
    visible = [i for i in range(controls.count()) if controls.nth(i).is_visible()]
    assert len(visible) == 1, [controls.nth(i).evaluate("c => c.outerHTML")[:200] for i in visible]
    shown = controls.nth(visible[0])
    shown.evaluate("control => control.dataset.ibShown = 'yes'")
    assert accessible_name(page, "[data-ib-shown]").startswith("Search")  # "Search", or "Search Ctrl+K" as shown

    page.keyboard.press("Control+k")
    box = page.locator("#pst-search-dialog input[type=search]")
    assert box.is_visible() and box.evaluate("box => box === document.activeElement")
    page.keyboard.press("Escape")
    assert not box.is_visible()
    shown.click()  # the one visible control opens the same search box
    assert box.is_visible()
    box.fill("consistent hashing")
    box.press("Enter")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    assert any("System Design" in title for title in page.locator("#search-results ul.search li a").all_inner_texts())
    offline.assert_clean()


def island(page, form):
    """The question's data (kind, answer, tolerance) from its group's JSON data island."""
    question_id = form.get_attribute("id").removeprefix("ib-q-")
    data = json.loads(form.locator("xpath=ancestor::section[1]/script[@class='ib-selfcheck-data']").text_content())
    return next(q for q in data["questions"] if q["id"] == question_id)


def feedback_of(form):
    return form.locator(".ib-feedback")


@pytest.mark.parametrize("section", CHAPTERS, ids=lambda s: s.notebook)
def test_chapter_selfchecks_work_offline(site, offline, section):
    page = offline.page
    page.goto(f"{site}/notebooks/{section.notebook}.html")
    page.wait_for_load_state("networkidle")
    groups = page.locator("section.ib-selfcheck")
    assert groups.count() == len(section.subtopics)
    assert page.locator("section.ib-selfcheck[data-ib-ready]").count() == len(section.subtopics)  # each activated once

    # A single-choice question, answered from the keyboard: nothing chosen first, then the right option.
    single = page.locator("form.ib-question:has(input[type=radio])").first
    single.locator("button").click()
    assert feedback_of(single).text_content() == MESSAGES["choose-one"]
    assert single.locator(".ib-explanation").is_hidden()
    answer = island(page, single)["answer"]
    single.locator("input[type=radio]").nth(answer).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert feedback_of(single).text_content() == MESSAGES["correct"]
    assert single.locator(".ib-explanation").is_visible()

    # A numeric question: text where a number belongs, then the right number.
    numeric = page.locator("form.ib-question:has(input[inputmode=decimal])")
    if numeric.count():
        numeric = numeric.first
        box = numeric.locator("input[type=text]")
        box.fill("twelve")
        box.press("Enter")
        assert feedback_of(numeric).text_content() == MESSAGES["not-a-number"]
        assert box.get_attribute("aria-invalid") == "true"
        box.fill(str(island(page, numeric)["answer"]))
        box.press("Enter")
        assert feedback_of(numeric).text_content() == MESSAGES["correct"]

    # A multiple-choice question answered wrongly.
    multiple = page.locator("form.ib-question:has(input[type=checkbox])")
    if multiple.count():
        multiple = multiple.first
        wanted = island(page, multiple)["answer"]
        boxes = multiple.locator("input[type=checkbox]")
        wrong = next(i for i in range(boxes.count()) if i not in wanted)
        boxes.nth(wrong).check()
        multiple.locator("button").click()
        assert feedback_of(multiple).text_content() == MESSAGES["incorrect"]

    # Answers are remembered by this browser across a reload.
    page.reload()
    page.wait_for_load_state("networkidle")
    single = page.locator(f"#{single.get_attribute('id')}")
    assert feedback_of(single).text_content() == MESSAGES["correct"]
    offline.assert_clean()


def test_hostile_question_text_is_shown_not_run(offline):
    hostile = Question(
        id="hostile", chapter=2, topic="asyncio", difficulty="junior", kind="single",
        prompt="<script>window.hacked = 1</script><img src=x onerror=\"window.hacked = 2\">",
        explanation="</script><script>window.hacked = 3</script>", answer=0, options=("<b>yes</b>", "no"),
    )
    page = offline.page
    page.set_content(selfcheck.render_html("group", "<i>t</i>", (hostile,)))
    assert page.evaluate("window.hacked") is None
    assert "<script>window.hacked = 1</script>" in page.locator("legend").text_content()
    assert page.locator("label.ib-option").first.text_content().strip() == "<b>yes</b>"
    page.locator("input[type=radio]").first.check()
    page.locator("button").click()
    assert page.locator(".ib-feedback").text_content() == MESSAGES["correct"]
    assert page.evaluate("window.hacked") is None
    offline.assert_clean()


def test_corrupt_browser_storage_does_not_break_selfchecks(site, offline):
    page = offline.page
    chapter = CHAPTERS[0].notebook
    page.goto(f"{site}/notebooks/{chapter}.html")
    page.evaluate("localStorage.setItem('interview-book/answers/v1', '{broken')")
    page.reload()
    form = page.locator("form.ib-question:has(input[type=radio])").first
    form.locator("input[type=radio]").first.check()
    form.locator("button").click()
    assert feedback_of(form).text_content() in (MESSAGES["correct"], MESSAGES["incorrect"])
    assert page.evaluate("localStorage.getItem('interview-book/answers/v1.corrupt')") == "{broken"
    assert form.get_attribute("id").removeprefix("ib-q-") in page.evaluate(
        "JSON.parse(localStorage.getItem('interview-book/answers/v1'))")
    offline.assert_clean()


# --- exercises on the site: Pyodide in a worker, loaded on the first Run ------------------------

def exercise_status(section):
    return section.locator(".ib-ex-status")


def run_and_wait(page, section, timeout=60_000):
    exercise_status(section).evaluate("status => { status.textContent = ''; }")  # never read the last run's result
    section.locator(".ib-ex-run").click()
    page.wait_for_function("s => /cases pass/.test(s.textContent)", arg=exercise_status(section).element_handle(),
                           timeout=timeout)
    return exercise_status(section).text_content()


@pytest.mark.parametrize("section", [s for s in CHAPTERS if exercises.load(s.number)], ids=lambda s: s.notebook)
def test_every_exercise_renders_with_labelled_controls(site, offline, section):
    page = offline.page
    page.goto(f"{site}/notebooks/{section.notebook}.html")
    page.wait_for_load_state("networkidle")
    shown = page.locator("section.ib-exercise")
    assert shown.count() == len(exercises.load(section.number))
    assert page.locator("section.ib-exercise[data-ib-ready]").count() == shown.count()
    assert page.locator("script[src*='interview-book/exercises.js']").count() == 1  # one engine per page
    for exercise in exercises.load(section.number):
        box = page.locator(f"#ib-ex-{exercise.id}")
        area = box.locator("textarea")
        assert box.locator(f"label[for='{area.get_attribute('id')}']").count() == 1
        assert area.input_value() == exercise.starter
        assert box.locator(".ib-ex-run").count() == (1 if exercise.runs_in_browser else 0)
        if not exercise.runs_in_browser:
            assert "JupyterLab or on Binder" in box.locator(".ib-ex-help").text_content()
            launch = box.locator("a.ib-ex-launch").get_attribute("href")
            assert launch.startswith("https://mybinder.org/") and launch.endswith(f"{section.notebook}.ipynb")
        assert exercise.solution.strip() not in box.inner_text()  # revealed only on request
    offline.assert_clean()


@pytest.mark.parametrize("section", [s for s in CHAPTERS if any(e.runs_in_browser for e in exercises.load(s.number))],
                         ids=lambda s: s.notebook)
def test_every_reference_solution_passes_in_the_browser(site, offline, section):
    """Pyodide runs a newer CPython than the kernel: each solution must pass there too."""
    page = offline.page
    page.goto(f"{site}/notebooks/{section.notebook}.html")
    page.wait_for_load_state("networkidle")
    for exercise in exercises.load(section.number):
        if exercise.runs_in_browser:
            box = page.locator(f"#ib-ex-{exercise.id}")
            box.locator("textarea").fill(exercise.solution)
            assert run_and_wait(page, box) == f"All {len(exercise.cases)} cases pass.", exercise.id
    offline.assert_clean()


def test_exercise_runs_in_the_browser_offline(site, offline):
    """Solve, fail, hang: the same table as in a kernel, and Pyodide only after the first Run."""
    page = offline.page
    exercise = exercises.find("two-sum")
    REQUESTED.clear()
    page.goto(f"{site}/notebooks/{syllabus.section(exercise.chapter).notebook}.html")
    page.wait_for_load_state("networkidle")
    assert not [path for path in REQUESTED if "pyodide" in path], "Pyodide was fetched before any Run"
    section = page.locator(f"#ib-ex-{exercise.id}")
    area = section.locator("textarea")

    # Hints come one at a time; the solution only on request.
    section.locator(".ib-ex-hint").click()
    assert section.locator(".ib-ex-hints li:not([hidden])").count() == 1
    assert exercise.hints[0].replace("`", "") in exercise_status(section).text_content()

    # The reference solution passes every case.
    area.fill(exercise.solution)
    assert run_and_wait(page, section) == f"All {len(exercise.cases)} cases pass."
    assert [path for path in REQUESTED if "pyodide.asm.wasm" in path]
    assert section.locator("tbody tr.ib-ex-pass").count() == len(exercise.cases)

    # A wrong answer: the table names the failing cases with expected and got.
    area.fill("def two_sum(nums, target):\n    return [0, 1]\n")
    assert run_and_wait(page, section) == f"2 of {len(exercise.cases)} cases pass."
    failed = section.locator("tbody tr.ib-ex-fail").first.locator("td")
    assert [failed.nth(i).text_content() for i in range(5)] == ["3", "two_sum([3, 2, 4], 6)", "[1, 2]", "[0, 1]", "FAIL"]

    # Code that never returns: the worker is stopped at the time limit, and the next Run works again.
    area.fill("while True:\n    pass\n")
    message = run_and_wait(page, section, timeout=(exercise.time_limit + 60) * 1000)
    assert message.startswith(f"Stopped after {exercise.time_limit:g} s: your code did not finish")

    # Typed from the keyboard: Tab indents, Ctrl+Enter runs; the code survives a reload.
    area.fill("")
    area.focus()
    page.keyboard.type("def two_sum(nums, target):")
    page.keyboard.press("Enter")
    page.keyboard.type("raise ValueError('no')")
    assert area.input_value() == "def two_sum(nums, target):\n    raise ValueError('no')"
    page.keyboard.press("Control+Enter")
    page.wait_for_function("s => /cases pass/.test(s.textContent)", arg=exercise_status(section).element_handle(),
                           timeout=60_000)
    assert "ValueError: no (line 2 of your code)" in section.locator("tbody").text_content()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator(f"#ib-ex-{exercise.id} textarea").input_value().endswith("raise ValueError('no')")

    # Every run whose tests started is in the answer history (the dashboard and the review read it).
    runs = page.evaluate("JSON.parse(localStorage.getItem('interview-book/history/v1'))")
    assert [(r["kind"], r["id"], r["status"]) for r in runs] == \
           [("exercise", exercise.id, status) for status in ("solved", "attempted", "attempted", "attempted")]

    # The solution is revealed on request only.
    page.locator(f"#ib-ex-{exercise.id} .ib-ex-reveal").click()
    assert page.locator(f"#ib-ex-{exercise.id} .ib-ex-solution code").text_content() == exercise.solution
    offline.assert_clean()


# --- the learner's side: progress dashboard, spaced review, mock interview (book/*.md) ----------

HISTORY = "interview-book/history/v1"
NOON = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)  # the browser's clock in these tests


def history_of(page):
    return page.evaluate(f"JSON.parse(localStorage.getItem('{HISTORY}') || '[]')")


LEARNER_SCRIPTS = {"learner.js", *(f"{view}.js" for view in sphinx_ext.LEARNER_VIEWS)}


def learner_scripts(page):
    names = (src.split("/")[-1].split("?")[0] for src in page.evaluate("() => [...document.scripts].map(s => s.src)")
             if "interview-book/" in src)
    return sorted(name for name in names if name in LEARNER_SCRIPTS)


def test_dashboard_with_an_empty_store_says_so_and_links_to_the_chapters(site, offline):
    page = offline.page
    page.goto(f"{site}/book/progress.html")
    notice = page.locator("section.ib-dashboard .ib-learner-notice")
    notice.wait_for()
    assert "not answered any self-check" in notice.text_content()
    assert notice.locator("a").get_attribute("href").endswith(f"notebooks/{CHAPTERS[0].notebook}.html")
    assert page.locator("section.ib-dashboard table").count() == 0
    assert learner_scripts(page) == ["dashboard.js", "learner.js"]  # only the view's script, once
    assert page.locator("section.ib-dashboard .ib-learner-fallback").count() == 0
    offline.assert_clean()


def test_dashboard_shows_selfchecks_answered_on_a_chapter_page(site, offline):
    section = CHAPTERS[1]
    page = offline.page
    page.goto(f"{site}/notebooks/{section.notebook}.html")
    page.wait_for_load_state("networkidle")
    forms = page.locator("form.ib-question:has(input[type=radio])")
    right, wrong = forms.nth(0), forms.nth(forms.count() - 1)
    right.locator("input[type=radio]").nth(island(page, right)["answer"]).check()
    right.locator("button").click()
    wrong_data = island(page, wrong)
    wrong.locator("input[type=radio]").nth((wrong_data["answer"] + 1) % wrong.locator("input[type=radio]").count()).check()
    wrong.locator("button").click()
    wrong.locator("button").click()  # the same wrong answer checked twice: two answers, one question
    assert [(e["id"], e["status"]) for e in history_of(page)] == [
        (right.get_attribute("id").removeprefix("ib-q-"), "correct"),
        (wrong_data["id"], "incorrect"), (wrong_data["id"], "incorrect")]
    assert all(e["kind"] == "question" and e["at"].endswith("Z") for e in history_of(page))

    topic_of = {card.id: card.topic for card in review.deck()}
    weak = section.subtopic(topic_of[wrong_data["id"]])
    strong = section.subtopic(topic_of[right.get_attribute("id").removeprefix("ib-q-")])
    assert weak != strong
    page.emulate_media(color_scheme="dark")
    page.goto(f"{site}/book/progress.html")
    table = page.locator("section.ib-dashboard table")
    table.wait_for()
    assert "weakest first" in table.locator("caption").text_content()
    assert table.locator("thead th[scope=col]").count() == 6
    rows = table.locator("tbody tr")
    first, second = rows.nth(0), rows.nth(1)
    assert first.locator("th[scope=row]").text_content() == weak.title
    assert first.locator("td").nth(1).text_content().startswith("1 of ")
    assert "(2 answers)" in first.locator("td").nth(1).text_content()
    assert [first.locator("td").nth(2).text_content(), first.locator("td").nth(4).text_content()] == ["0%", "100%"]
    assert second.locator("th[scope=row]").text_content() == strong.title
    assert second.locator("td").nth(2).text_content() == "100%"
    # The chart is decoration for screen readers (the table holds its numbers) and follows the dark theme.
    chart = page.locator("section.ib-dashboard svg.ib-learner-chart")
    assert chart.get_attribute("aria-hidden") == "true"
    assert chart.locator("rect.ib-bar").count() == 2
    label_colour, body_colour = page.evaluate("""() => [
        getComputedStyle(document.querySelector('svg.ib-learner-chart text')).fill,
        getComputedStyle(document.body).color]""")
    assert label_colour == body_colour and label_colour != "rgb(0, 0, 0)"
    offline.assert_clean()


def test_dashboard_with_a_corrupt_store_keeps_it_aside_and_says_so(site, offline):
    page = offline.page
    page.goto(f"{site}/book/progress.html")
    page.evaluate(f"localStorage.setItem('{HISTORY}', '[{{broken')")
    page.reload()
    notice = page.locator("section.ib-dashboard .ib-learner-notice").first
    notice.wait_for()
    assert "could not be read" in notice.text_content() and f"{HISTORY}.corrupt" in notice.text_content()
    assert page.evaluate(f"localStorage.getItem('{HISTORY}.corrupt')") == "[{broken"
    assert page.evaluate(f"localStorage.getItem('{HISTORY}')") is None
    offline.assert_clean()


def stamp(day, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")


def test_a_review_session_records_answers_and_moves_the_schedule(site, offline):
    """Five cards introduced today (so no new ones), then one card due today, answered wrong."""
    today = NOON.date()
    questions = [card for card in review.deck() if card.kind == "question"]
    introduced = [card for card in questions if card.chapter == 1][:5]
    due_card = next(card for card in questions if card.chapter == 2 and questions_by_id()[card.id].kind == "single")
    seeded = [{"kind": "question", "id": card.id, "status": "correct", "at": stamp(today, 9)} for card in introduced]
    page = offline.page
    page.clock.install(time=NOON)
    page.goto(f"{site}/book/review.html")
    page.evaluate(f"h => localStorage.setItem('{HISTORY}', JSON.stringify(h))", seeded)
    page.reload()
    nothing = page.locator("section.ib-review .ib-review-nothing")
    nothing.wait_for()
    assert nothing.text_content() == "Nothing is due today. Your next card is due in 2 days (2026-12-06)."
    assert learner_scripts(page) == ["learner.js", "review.js"]

    # The same card answered right three days ago is in box 2, due yesterday: Python and the page agree.
    seeded.insert(0, {"kind": "question", "id": due_card.id, "status": "correct", "at": stamp(today - timedelta(days=3))})
    record = {"version": 1, "answers": [{"question": e["id"], "status": e["status"], "answered_at": e["at"]} for e in seeded]}
    assert [item.card.id for item in review.due(today, record=record, tz=timezone.utc)] == [due_card.id]
    page.evaluate(f"h => localStorage.setItem('{HISTORY}', JSON.stringify(h))", seeded)
    page.reload()
    start = page.locator("section.ib-review button.ib-review-start")
    start.wait_for()
    assert start.text_content() == "Start today's review (1 card)"
    start.focus()
    page.keyboard.press("Enter")
    form = page.locator("section.ib-review form.ib-review-question")
    form.wait_for()  # the cards' details arrive on this press (card_details.json)
    status = page.locator("section.ib-review .ib-review-progress")
    assert status.get_attribute("aria-live") == "polite" and status.text_content().startswith("Card 1 of 1")
    question = questions_by_id()[due_card.id]
    assert form.locator("legend").text_content() == selfcheck.visible_text(question.prompt)
    radios = form.locator("input[type=radio]")
    assert all(form.locator(f"label[for='{radios.nth(i).get_attribute('id')}']").count() == 1 for i in range(radios.count()))
    radios.nth((question.answer + 1) % len(question.options)).focus()  # a wrong answer, from the keyboard
    page.keyboard.press("Space")
    form.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    assert form.locator(".ib-feedback").text_content() == MESSAGES["incorrect"]
    assert form.locator(".ib-explanation").is_visible()
    assert history_of(page)[-1]["id"] == due_card.id and history_of(page)[-1]["status"] == "incorrect"
    page.keyboard.press("Enter")  # focus moved to "Finish the review"
    assert "1 question: 0 right, 1 wrong" in page.locator(".ib-review-summary").text_content()
    assert page.locator(".ib-review-next-due").text_content() == "Your next card is due tomorrow."
    page.reload()
    nothing.wait_for()
    assert nothing.text_content() == "Nothing is due today. Your next card is due tomorrow."
    offline.assert_clean()


def questions_by_id():
    from interview_book import questions
    return {q.id: q for section in CHAPTERS for q in questions.load(section.number)}


def test_a_timed_mock_interview_runs_offline_and_is_kept(site, offline):
    page = offline.page
    page.clock.install(time=NOON)
    page.goto(f"{site}/book/mock_interview.html")
    mock = page.locator("section.ib-mock")
    assert (mock.get_attribute("data-questions"), mock.get_attribute("data-minutes-per-question")) == ("5", "5")
    start = mock.locator("button.ib-mock-start")
    start.wait_for()
    assert mock.locator(".ib-mock-none").text_content() == "None yet in this browser."
    assert learner_scripts(page) == ["learner.js", "mock.js"]
    start.click()
    titles = []

    def question():
        heading = mock.locator("h3.ib-mock-question")
        titles.append(heading.text_content())
        return mock.locator("textarea.ib-mock-answer")

    # 1: answered, revealed, graded 2 on every criterion.
    area = question()
    assert mock.locator("[role=timer]").text_content() == "Time left: 5:00"
    assert mock.locator(f"label[for='{area.get_attribute('id')}']").count() == 1
    area.fill("A thread pool for I/O, a process pool for CPU-bound work.")
    mock.locator("button.ib-mock-reveal").click()
    assert "A thread pool for I/O" in mock.locator(".ib-mock-yours").text_content()
    assert mock.locator(".ib-mock-spoken").inner_text().strip() and mock.locator(".ib-mock-full").inner_text().strip()
    groups = mock.locator(".ib-mock-rubric fieldset")
    assert [groups.nth(i).locator("legend").text_content() for i in range(groups.count())] == \
           ["Correctness", "Depth and trade-offs", "Structure", "Communication"]
    for i in range(4):
        groups.nth(i).get_by_label("2:", exact=False).check()
    mock.locator("button.ib-mock-next").click()

    # 2: skipped.
    question()
    mock.locator("button.ib-mock-skip").click()
    assert "Skipped" in mock.locator(".ib-mock-yours").text_content()
    assert mock.locator(".ib-mock-rubric").count() == 0
    mock.locator("button.ib-mock-next").click()

    # 3: the time runs out; what was typed is kept. The live region speaks once a minute, not every second.
    area = question()
    area.fill("Partial answer")
    live = mock.locator("[aria-live=polite]").first
    page.clock.run_for(61_000)
    assert live.text_content() == "4 minutes left." and mock.locator("[role=timer]").text_content() == "Time left: 3:59"
    page.clock.run_for(3 * 60_000)
    assert live.text_content() == "1 minute left."
    page.clock.run_for(60_000)
    assert live.text_content().startswith("Time is up. Your answer so far is kept.")
    assert "Partial answer" in mock.locator(".ib-mock-yours").text_content()
    mock.locator(".ib-mock-rubric fieldset").first.get_by_label("1:", exact=False).check()
    mock.locator("button.ib-mock-next").click()

    # 4 and 5: revealed with nothing typed: recorded as skipped, never an error.
    for _ in range(2):
        question()
        mock.locator("button.ib-mock-reveal").click()
        mock.locator("button.ib-mock-next").click()
    assert "2 of 5 questions answered, 9 of 40 rubric points" in mock.locator(".ib-learner-notice").text_content()

    page.reload()
    rows = mock.locator("table.ib-mock-sessions tbody tr")
    rows.wait_for()
    assert rows.count() == 1 and rows.first.locator("td").nth(3).text_content() == "9 of 40"
    saved = page.evaluate("JSON.parse(localStorage.getItem('interview-book/mock/v1'))")["sessions"][0]
    assert [item["status"] for item in saved["items"]] == ["answered", "skipped", "answered", "skipped", "skipped"]
    assert [item["timed_out"] for item in saved["items"]] == [False, False, True, False, False]
    assert saved["items"][2]["answer"] == "Partial answer" and saved["finished_at"]
    assert len(set(item["chapter"] for item in saved["items"])) >= 3  # drawn across chapters
    # The seed reproduces the draw (an empty history weighs every sub-topic the same), and mock.draw in a
    # kernel draws the same questions from the same seed.
    again = page.evaluate("""seed => fetch(new URL('../_static/interview-book/interview.json', location.href))
        .then(r => r.json()).then(d => window.interviewBookMock.draw(5, {seed: seed, difficulty: 'any', weights: {},
                                                                         questions: d.questions}).map(q => q.id))""",
                          saved["seed"])
    assert again == [item["id"] for item in saved["items"]]
    from interview_book import dashboard, mock as kernel_mock
    empty = {"version": 1, "answers": [], "exercises": []}
    assert [q.id for q in kernel_mock.draw(5, seed=saved["seed"], difficulty="any",
                                           weights=kernel_mock.weights_from(dashboard.summary(empty)))] == again
    assert all("`" not in title for title in titles)  # inline code comes as markup (title_html)
    # Weak sub-topics are drawn more often: one with every answer wrong weighs 1 + 2 = 3, untouched ones 1.
    hits = page.evaluate("""() => {
        const pool = [...Array(10).keys()].map(i => ({id: 'q' + i, chapter: i + 1, topic: 't' + i, difficulty: 'mid'}));
        const weights = window.interviewBookMock.weightsFrom([{chapter: 1, topic: 't0', weakness: 1},
                                                              {chapter: 2, topic: 't1', weakness: 0}]);
        const counts = {};
        for (let seed = 1; seed <= 2000; seed++) {
            const id = window.interviewBookMock.draw(1, {seed: seed, weights: weights, questions: pool})[0].id;
            counts[id] = (counts[id] || 0) + 1;
        }
        return counts;
    }""")
    assert hits["q0"] > 2 * hits["q5"] and hits["q0"] > 2 * hits["q1"]  # expected shares 25 %, 8.3 %, 8.3 %
    offline.assert_clean()


def test_blocked_storage_leaves_selfchecks_and_the_dashboard_working_unsaved(site, offline):
    """The theme itself reports blocked storage on every page (its errors on a page of prose are the
    baseline); the book's scripts add none."""
    page = offline.page
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The user denied access to storage.', 'SecurityError'); }})""")
    page.goto(f"{site}/index.html")
    page.wait_for_load_state("networkidle")
    baseline, offline.errors[:] = list(offline.errors), []
    page.goto(f"{site}/notebooks/{CHAPTERS[0].notebook}.html")
    page.wait_for_load_state("networkidle")
    form = page.locator("form.ib-question:has(input[type=radio])").first
    form.locator("input[type=radio]").nth(island(page, form)["answer"]).check()
    form.locator("button").click()
    assert feedback_of(form).text_content() == MESSAGES["correct"]
    page.goto(f"{site}/book/progress.html")
    notice = page.locator("section.ib-dashboard .ib-learner-notice").first
    notice.wait_for()
    assert "does not let the book use its local storage" in notice.text_content()
    page.goto(f"{site}/book/review.html")
    page.locator("section.ib-review button.ib-review-start").wait_for()  # new cards are still offered
    page.wait_for_load_state("networkidle")
    assert offline.errors == baseline * 3, offline.errors
    offline.errors.clear()
    offline.assert_clean()


def test_every_interview_question_is_listed_and_links_to_its_model_answer(build):
    from interview_book import interview_questions

    page = (HTML / "book" / "interview_questions.html").read_text("utf-8")
    links = re.findall(r'<li[^>]*><a href="\.\./(notebooks/[0-9a-z_]+\.html)#([^"]+)"', page)
    assert len(links) == len(interview_questions.load_all())
    targets = {}
    for target, anchor in links:
        ids = targets.setdefault(target, set(re.findall(r'id="([^"]+)"', (HTML / target).read_text("utf-8"))))
        assert anchor in ids, f"{target} has no #{anchor}"


def test_the_question_page_filters_by_difficulty_from_the_keyboard(site, offline):
    from interview_book import interview_questions

    questions = interview_questions.load_all()
    seniors = [question for question in questions if question.difficulty == "senior"]
    page = offline.page
    page.goto(f"{site}/book/interview_questions.html")
    page.wait_for_load_state("networkidle")
    listed = page.locator(".ib-iq-chapter li:visible")
    status = page.locator(".ib-iq-shown")
    assert page.locator(".ib-iq-filter").is_visible() and listed.count() == len(questions)
    for level in ("junior", "mid"):
        assert accessible_name(page, f'.ib-iq-filter input[value="{level}"]') == level
        page.locator(f'.ib-iq-filter input[value="{level}"]').focus()
        page.keyboard.press("Space")
    assert listed.count() == len(seniors)
    assert status.text_content() == f"{len(seniors)} of {len(questions)} questions are listed (senior)."
    assert page.locator(".ib-iq-chapter:visible").count() == len({question.chapter for question in seniors})
    first = seniors[0]
    number = [q for q in questions if q.chapter == first.chapter].index(first) + 1
    assert listed.first.get_attribute("value") == str(number)  # numbered as in the full list
    page.keyboard.press("Tab")                                 # from "mid" on to "senior"
    assert page.evaluate("document.activeElement.value") == "senior"
    page.keyboard.press("Space")
    assert listed.count() == 0 and "tick at least one" in status.text_content()
    offline.assert_clean()


def test_history_moves_between_the_site_and_a_kernel_as_a_file(site, offline, tmp_path, monkeypatch):
    """The kernel's history file is added on the progress page once; the page saves one that the kernel adds."""
    from interview_book import progress, transfer

    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "progress.json"))
    first, second = [card for card in review.deck() if card.kind == "question"][:2]
    progress.record_answer(first.id, first.chapter, 0, "incorrect", at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc))
    from_kernel = tmp_path / "from-kernel.json"
    assert transfer.export(from_kernel) == 1
    page = offline.page
    page.goto(f"{site}/book/progress.html")
    chooser = page.get_by_label("Add the answers of a history file")
    status = page.locator(".ib-transfer-status")

    def add(path, expected):
        chooser.set_input_files(str(path))
        page.wait_for_function("text => document.querySelector('.ib-transfer-status').textContent === text", arg=expected)

    add(from_kernel, "Added 1 entry from from-kernel.json; 0 already here.")
    assert [(e["kind"], e["id"], e["status"]) for e in history_of(page)] == [("question", first.id, "incorrect")]
    assert page.locator("section.ib-dashboard table").count() == 1          # the dashboard counts it at once
    assert status.get_attribute("role") == "status"
    add(from_kernel, "Added 0 entries from from-kernel.json; 1 already here.")
    not_history = tmp_path / "notes.json"
    not_history.write_text("{not json", "utf-8")
    chooser.set_input_files(str(not_history))
    page.wait_for_function("document.querySelector('.ib-transfer-status').textContent.includes('not a history file')")
    assert len(history_of(page)) == 1

    page.evaluate("entry => window.interviewBookLearner.appendHistory(entry)",
                  {"kind": "question", "id": second.id, "status": "correct", "at": "2026-12-02T10:00:00.250Z"})
    with page.expect_download() as download:
        page.get_by_role("button", name="Save this browser's history as a file").click()
    from_site = tmp_path / "from-site.json"
    download.value.save_as(from_site)
    assert download.value.suggested_filename.startswith("interview-book-history-")
    assert transfer.import_file(from_site) == transfer.Merge(added=1, present=1, skipped=0)
    assert [a["question"] for a in progress.load()["answers"]] == [first.id, second.id]
    offline.assert_clean()


@pytest.mark.parametrize("path", ["book/progress.html", "book/review.html", "book/mock_interview.html",
                                  "book/interview_questions.html"])
def test_practice_pages_fit_a_narrow_window(site, offline, path):
    """At 480 px nothing widens the page: wide tables scroll in their own (focusable) region."""
    page = offline.page
    page.set_viewport_size({"width": 480, "height": 800})
    page.goto(f"{site}/book/progress.html")
    card = next(card for card in review.deck() if card.kind == "question")
    page.evaluate("entry => window.interviewBookLearner.appendHistory(entry)",
                  {"kind": "question", "id": card.id, "status": "correct", "at": "2026-12-02T10:00:00Z"})
    page.goto(f"{site}/{path}")
    page.wait_for_load_state("networkidle")
    if path == "book/progress.html":
        page.locator("section.ib-dashboard table").wait_for()
        assert page.locator(".ib-learner-scroll[tabindex='0'][role=region]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    offline.assert_clean()
