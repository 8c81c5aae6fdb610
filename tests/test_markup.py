"""Safe rendering of question and exercise text."""
from interview_book.markup import blocks_to_html, to_html


def test_inline_code_is_rendered_and_everything_else_escaped():
    assert to_html("use `a < b` & <b>") == "use <code>a &lt; b</code> &amp; &lt;b&gt;"


def test_blocks_become_paragraphs_code_and_lists():
    text = "First line\nsame paragraph.\n\n    x = 1\n    y = 2\n\n- one\n- two `t`"
    assert blocks_to_html(text) == ("<p>First line same paragraph.</p>"
                                    "<pre><code>x = 1\ny = 2</code></pre>"
                                    "<ul><li>one</li><li>two <code>t</code></li></ul>")


def test_a_wrapped_list_item_stays_one_item():
    text = "- a long item that\n  wraps onto a second line\n- short"
    assert blocks_to_html(text) == "<ul><li>a long item that wraps onto a second line</li><li>short</li></ul>"


def test_a_paragraph_starting_with_a_dash_but_not_a_list_stays_a_paragraph():
    assert blocks_to_html("- a dash\nthen prose") == "<p>- a dash then prose</p>"
