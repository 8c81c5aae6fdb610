"""Corrections to what Jupyter Book 1 puts in each page, and the exercises' files;
enabled in ``_config.yml``.

1. Sphinx 7.4 records an inline script that an extension adds after the builder starts (here
   sphinx-togglebutton's and sphinx-thebe's settings) once with filename ``None`` and once with
   ``""``, so the page declares ``const THEBE_JS_URL`` twice and the browser reports a
   SyntaxError. The duplicate is dropped.
2. Accessibility (axe-core, run by tests/test_site.py): myst-nb names every "Show code cell source"
   toggle "Toggle hidden content", which is not the text the reader sees, so the label is dropped
   and the visible text names it; empty header cells (the corner of a pandas table or of a Markdown
   table, pandas' index-name row) become plain cells, as a header cell must have text.

The exercises' engine, test runner and Pyodide runtime are copied into ``_static`` before pages
are written (``site_assets``), and the engine is linked only from pages that have exercises.
The learner's data (``site_data``: catalogue.json, interview.json) is written there once per build;
``learner.js``/``learner.css`` and a view's script are linked only from pages holding that view's
placeholder (``site_views``).

A ``mermaid`` code block becomes its committed SVG (``diagrams``), named by its accTitle and
accDescr; ``diagrams.css`` (linked only where there are diagrams) inverts it in the dark theme.

Charts are written as 256-colour PNGs: matplotlib's full-colour output is three to four times
larger and looks the same.

Lighter pages (budget: ``site_weight``): code is highlighted without spans for tokens drawn like
plain text and with one span for neighbours drawn alike, from a cache kept between builds
(``code_highlight``); inline code keeps Sphinx's per-word span only where a word could break; a page keeps one self-check
style and links the self-check engine once instead of carrying a copy per group; sphinx-design's
and thebe's files are linked only where used; after the build the theme's stylesheets lose the
rules no page uses (``css_purge``) and Font Awesome's fonts the glyphs no rule uses (``icon_font``).
The templates in ``book/_templates`` do the rest: no fontawesome.js, the search scripts and index
only on the search page, and the book's ``menus.js`` instead of the theme's Bootstrap bundle.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.errors import ExtensionError
from sphinx.util import logging

from . import code_highlight, css_purge, diagrams, icon_font, interview_questions, site_assets, site_data, syllabus

logger = logging.getLogger(__name__)


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, unique = set(), []
    for script in scripts:
        key = (getattr(script, "filename", script) or "", getattr(script, "priority", None),
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


# Files an extension links from every page, unused where the page has nothing of theirs.
DESIGN_FILES = {"sphinx-design.min.css", "design-tabs.js"}   # sphinx-design: no sd-* element
THEBE_FILES = {"sphinx-thebe.css", "sphinx-thebe.js"}        # thebe launch button switched off


def _drop_unused_assets(app, pagename, templatename, context, doctree) -> None:
    from pydata_sphinx_theme.utils import get_theme_options_dict

    unused = set() if re.search(r'class="(?:[^"]* )?sd-', context.get("body", "")) else set(DESIGN_FILES)
    if not get_theme_options_dict(app).get("launch_buttons", {}).get("thebe"):
        unused |= THEBE_FILES

    def used(asset) -> bool:
        name = getattr(asset, "filename", asset) or ""
        body = getattr(asset, "attributes", {}).get("body", "")
        return Path(name).name not in unused and not ("THEBE_JS_URL" in body and THEBE_FILES <= unused)

    for key in ("css_files", "script_files"):
        if isinstance(context.get(key), list):
            context[key][:] = [asset for asset in context[key] if used(asset)]


HIDDEN_CELL_TOGGLE = '<summary aria-label="Toggle hidden content">'
EMPTY_HEADER_CELL = re.compile(r"<th( [^>]*)?>(?:\s|<p>\s*</p>)*</th>")  # pandas' <th></th>, a table's <th><p></p></th>


def _make_body_accessible(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str):
        body = body.replace(HIDDEN_CELL_TOGGLE, "<summary>")
        context["body"] = EMPTY_HEADER_CELL.sub(lambda cell: f"<td{cell.group(1) or ''}></td>", body)


# Sphinx wraps each word of inline code in <span class="pre"> (white-space: nowrap), so that a line never
# breaks inside it. A word of letters, digits and the punctuation below offers the browser no break
# anyway (Unicode's line-breaking rules), so it loses the span; words with "-", "/", brackets and the
# like keep it.
UNBREAKABLE_WORD = re.compile(r'<span class="pre">([\w.:=@#*,;&\'"]+)</span>')


def _unwrap_unbreakable_words(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str):
        context["body"] = UNBREAKABLE_WORD.sub(r"\1", body)


def _draw_diagrams(app, doctree) -> None:
    """Replace each mermaid block with its committed SVG; a missing SVG or alt text is a warning."""
    for block in list(doctree.findall(nodes.literal_block)):
        if block.get("language") != "mermaid":
            continue
        source, where = block.astext(), app.env.docname
        try:
            title, description = diagrams.accessible_text(source, where)
            svg = css_purge.purge_svg(diagrams.svg_file(Path(app.srcdir), source).read_text("utf-8"))
        except diagrams.DiagramError as error:
            logger.warning(str(error), location=block)
            continue
        except OSError:
            logger.warning(f"{where}: a diagram has no SVG yet: run `python scripts/render_diagrams.py`",
                           location=block)
            continue
        label = html.escape(f"{title}. {description}", quote=True)
        figure = f'<figure class="ib-diagram" role="img" aria-label="{label}">{svg}</figure>'
        block.replace_self(nodes.raw("", figure, format="html"))


def _copy_exercise_files(app) -> None:
    if app.builder.format != "html":
        return
    try:
        target = site_assets.copy_into(Path(app.outdir) / "_static", Path(app.srcdir))
    except site_assets.MissingPyodide as error:
        raise ExtensionError(str(error)) from None
    site_data.write(target)


HIGHLIGHTS = "interview-book-highlights.pickle"  # code_highlight.HighlightCache, beside the doctrees


def _set_up_highlighting(app) -> None:
    """Highlight code without spans for tokens the theme draws like plain text, one span for
    neighbours drawn alike, from a cache kept between builds (``code_highlight``)."""
    if app.builder.format != "html":
        return
    from pydata_sphinx_theme.utils import get_theme_options_dict

    options = {**app.builder.theme.get_options(), **get_theme_options_dict(app)}
    styles = [options.get(f"pygments_{mode}_style") or "" for mode in ("light", "dark")]
    classes = code_highlight.token_classes(styles)
    app.builder.highlighter.formatter = code_highlight.formatter_for(classes)
    salt = repr((sorted((str(ttype), css_class) for ttype, css_class in classes.of.items()), sorted(classes.spaces_inside)))
    app.interview_book_highlights = code_highlight.HighlightCache(Path(app.doctreedir) / HIGHLIGHTS, app, salt)
    app.interview_book_highlights.wrap(app.builder.highlighter)


def _save_highlights(app, exception) -> None:
    cache = getattr(app, "interview_book_highlights", None)
    if exception is None and cache is not None:
        cache.save()


LEARNER_VIEWS = ("dashboard", "review", "mock")  # site_views' placeholders -> static/<view>.js


def _one_selfcheck_engine(app, pagename, templatename, context, doctree) -> None:
    """Each self-check output carries the engine and its style inline (a notebook output stands
    alone); the page keeps the first style, drops every engine copy and links the engine's file,
    which runs once the page is parsed and activates every group."""
    from . import selfcheck

    body = context.get("body", "")
    engine, style = f"<script>{selfcheck._engine()}</script>", f"<style>{selfcheck.STYLE}</style>"
    if engine not in body:
        return
    body = body.replace(engine, "")
    kept = body.find(style) + len(style)
    context["body"] = body[:kept] + body[kept:].replace(style, "") if kept >= len(style) else body
    app.add_js_file(f"{site_assets.TARGET}/selfcheck.js", defer="defer")


def _link_exercise_engine(app, pagename, templatename, context, doctree) -> None:
    if 'class="ib-exercise"' in context.get("body", ""):
        app.add_css_file(f"{site_assets.TARGET}/exercises.css")
        app.add_js_file(f"{site_assets.TARGET}/exercises.js", defer="defer")
    if 'class="ib-iq-filter"' in context.get("body", ""):
        app.add_js_file(f"{site_assets.TARGET}/question_filter.js", defer="defer")
    if 'class="ib-diagram"' in context.get("body", ""):
        app.add_css_file(f"{site_assets.TARGET}/diagrams.css")
    views = [view for view in LEARNER_VIEWS if f'class="ib-learner ib-{view}"' in context.get("body", "")]
    if views:
        app.add_css_file(f"{site_assets.TARGET}/learner.css")
        app.add_js_file(f"{site_assets.TARGET}/learner.js", defer="defer")
        for view in views:
            app.add_js_file(f"{site_assets.TARGET}/{view}.js", defer="defer")


class InterviewQuestionIndex(Directive):
    """``{interview-question-index}``: every interview question of the book, read from the notebooks
    at build time (the page is rebuilt whenever a chapter changes)."""

    def run(self):
        env = self.state.document.settings.env
        found = interview_questions.load_all(Path(env.srcdir) / "notebooks")
        for section in syllabus.sections():
            if section.notebook:
                env.note_dependency(str(Path(env.srcdir) / "notebooks" / f"{section.notebook}.ipynb"))
        root = "../" * env.docname.count("/")
        return [nodes.raw("", interview_questions.index_html(found, root), format="html")]


def _shrink_charts(app, exception) -> None:
    """Rewrite every full-colour PNG in ``_images`` with a 256-colour palette (a chart has few colours)."""
    if exception is not None or app.builder.format != "html":
        return
    from PIL import Image

    for path in sorted((Path(app.outdir) / "_images").glob("*.png")):
        with Image.open(path) as image:
            if image.mode == "P":
                continue                       # already shrunk by an earlier build
            palette = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
        palette.save(path, optimize=True)


def _lighten_theme(app, exception) -> None:
    """Theme stylesheets without rules no page uses, then icon fonts without glyphs no rule uses."""
    if exception is None and app.builder.format == "html":
        css_purge.purge_site(Path(app.outdir))
        icon_font.shrink(Path(app.outdir))


def setup(app):
    app.add_directive("interview-question-index", InterviewQuestionIndex)
    app.connect("builder-inited", _copy_exercise_files)
    app.connect("builder-inited", _set_up_highlighting)
    app.connect("html-page-context", _link_exercise_engine)
    app.connect("html-page-context", _one_selfcheck_engine)
    app.connect("html-page-context", _make_body_accessible)
    app.connect("html-page-context", _unwrap_unbreakable_words)
    app.connect("doctree-read", _draw_diagrams)
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", _drop_unused_assets, priority=900)
    app.connect("build-finished", _shrink_charts)
    app.connect("build-finished", _lighten_theme, priority=900)  # after the theme rewrites pygments.css
    app.connect("build-finished", _save_highlights)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
