"""Two corrections to what Jupyter Book 1 puts in each page; enabled in ``_config.yml``.

1. Sphinx 7.4 records an inline script that an extension adds after the builder starts (here
   sphinx-togglebutton's and sphinx-thebe's settings) once with filename ``None`` and once with
   ``""``, so the page declares ``const THEBE_JS_URL`` twice and the browser reports a
   SyntaxError. The duplicate is dropped.
2. Executing a notebook at build time stores the state of every ipywidget it created, and
   myst-nb embeds it in the page. The site shows self-checks as self-contained HTML and loads
   no widget JavaScript, so that state is dead weight and is not embedded.
"""
from __future__ import annotations


def _drop_widget_state(app, doctree) -> None:
    from myst_nb.sphinx_ import NbMetadataCollector

    NbMetadataCollector.get_js_files(app.env, app.env.docname).pop("ipywidgets_state", None)


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


def setup(app):
    app.connect("doctree-read", _drop_widget_state)
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
