"""code_highlight: no spans for tokens drawn like plain text, one span for neighbours drawn alike, and highlighted blocks kept between builds."""
import re

from pygments.formatters import HtmlFormatter
from pygments.token import STANDARD_TYPES, Generic, Keyword, Name, Operator, Punctuation, String
from sphinx.highlighting import PygmentsBridge

from interview_book import code_highlight

THEME_STYLES = ["a11y-high-contrast-light", "a11y-high-contrast-dark"]  # pydata-sphinx-theme's defaults


def highlighter(classes) -> PygmentsBridge:
    bridge = PygmentsBridge("html", "default")
    bridge.formatter = code_highlight.formatter_for(classes)
    return bridge


def test_only_tokens_drawn_like_text_in_both_styles_lose_their_span():
    classes = code_highlight.token_classes(THEME_STYLES)
    assert classes.of[Name] == classes.of[Punctuation] == "" and classes.of[Keyword]
    assert code_highlight.token_classes(["no-such-style"]).of == {}
    html = highlighter(classes).highlight_block("total = len(items)\n", "python")
    assert '<span class="n">' not in html and '<span class="p">' not in html
    assert f'total = <span class="{classes.of[Name.Builtin]}">len</span>(items)' in html  # operators: text colour
    assert html.startswith('<div class="highlight"><pre>total')  # no empty span before the code
    assert "<pre><span></span>\n" in highlighter(classes).highlight_block("\nx\n", "python")  # keeps a leading empty line


def rules(style: str) -> dict[str, str]:
    """Each token class's declarations in the stylesheet Pygments writes for ``style``."""
    css = HtmlFormatter(style=style).get_style_defs(".highlight")
    return {match[1]: match[2].split("/*")[0].strip()
            for match in re.finditer(r"^\.highlight \.(\w+) \{ ([^}]*)\}", css, re.MULTILINE)}


def test_tokens_drawn_alike_share_one_class_and_one_span():
    classes = code_highlight.token_classes(THEME_STYLES)
    for style in THEME_STYLES:
        css = rules(style)
        assert css[classes.of[String]] and css[classes.of[Keyword]] != css[classes.of[String]]
        for ttype, shared in classes.of.items():
            if shared:                                            # the shared class looks like the type's own
                assert css.get(shared) == css.get(STANDARD_TYPES[ttype]), (style, ttype, shared)
        for shared in classes.spaces_inside:                      # a space inside looks like one outside
            assert not re.search(r"background|underline|border", css[shared]), (style, shared)
    assert classes.of[Generic.Prompt] == "gp"                    # prompts keep their class for copy buttons
    html = highlighter(classes).highlight_block('print(f"{n} items")\nif x is not None:\n    pass\n', "python")
    assert html.count("<span") == 6                              # print, f"{, } items", if, is not None, pass
    assert f'<span class="{classes.of[String]}">f"{{</span>n' in html
    assert f'<span class="{classes.of[Keyword]}">is not None</span>:' in html


class App:
    _warncount = 0


def test_cache_answers_the_next_build_and_skips_blocks_that_warned(tmp_path, monkeypatch):
    path, app = tmp_path / "highlights.pickle", App()
    first = PygmentsBridge("html", "default")
    cache = code_highlight.HighlightCache(path, app, "salt")
    cache.wrap(first)
    html = first.highlight_block("x = 1\n", "python")

    def warn_once(*args, **kwargs):
        app._warncount += 1
        return "<pre>warned</pre>"

    monkeypatch.setattr(PygmentsBridge, "highlight_block", warn_once)
    warned = PygmentsBridge("html", "default")
    cache.wrap(warned)
    warned.highlight_block("y = 2\n", "python")
    cache.save()

    again = code_highlight.HighlightCache(path, app, "salt")
    assert list(again.previous.values()) == [html]  # the block that warned is highlighted (and warns) again
    second = PygmentsBridge("html", "default")
    again.wrap(second)
    assert second.highlight_block("x = 1\n", "python") == html
    assert code_highlight.HighlightCache(path, app, "other salt").previous == {}
