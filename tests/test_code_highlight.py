"""code_highlight: no spans for tokens drawn like plain text, and highlighted blocks kept between builds."""
from pygments.token import Keyword, Name, Operator, Punctuation
from sphinx.highlighting import PygmentsBridge

from interview_book import code_highlight

THEME_STYLES = ["a11y-high-contrast-light", "a11y-high-contrast-dark"]  # pydata-sphinx-theme's defaults


def test_only_tokens_drawn_like_text_in_both_styles_lose_their_span():
    plain = code_highlight.plain_token_types(THEME_STYLES)
    assert {Name, Punctuation} <= plain and not {Keyword, Operator} & plain
    assert code_highlight.plain_token_types(["no-such-style"]) == frozenset()
    bridge = PygmentsBridge("html", "default")
    bridge.formatter = code_highlight.formatter_for(plain)
    html = bridge.highlight_block("total = len(items)\n", "python")
    assert '<span class="n">' not in html and '<span class="p">' not in html
    assert 'total <span class="o">=</span> <span class="nb">len</span>(items)' in html
    assert html.startswith('<div class="highlight"><pre>total')  # no empty span before the code
    assert "<pre><span></span>\n" in bridge.highlight_block("\nx\n", "python")  # it keeps a leading empty line


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
