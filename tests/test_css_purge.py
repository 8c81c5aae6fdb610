"""css_purge: a stylesheet keeps the selectors whose classes the site uses, and nothing else changes."""
from interview_book import css_purge, icon_font


def test_unused_selectors_go_and_used_ones_stay_unchanged():
    css = ('/*! licence */.btn,.carousel{color:red}.carousel-item{display:none}'
           '@media (min-width:576px){.col-sm-1{flex:1}.btn{margin:0}}'
           'a[href$=".pdf"]{content:"{x}"}.btn:not(.disabled){cursor:pointer}:root{--x:1}'
           '@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{to{transform:rotate(1turn)}}'
           '/*# sourceMappingURL=x.css.map */')
    assert css_purge.purge(css, {"btn"}) == (
        '/*! licence */.btn{color:red}@media (min-width:576px){.btn{margin:0}}'
        'a[href$=".pdf"]{content:"{x}"}.btn:not(.disabled){cursor:pointer}:root{--x:1}'
        '@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{to{transform:rotate(1turn)}}')


def test_classes_come_from_pages_and_every_word_of_the_scripts(tmp_path):
    (tmp_path / "page.html").write_text('<i class="fa-solid fa-bars"></i><p class=\'note\'>', "utf-8")
    (tmp_path / "app.js").write_text('el.classList.add("show"); x = "collapsing";', "utf-8")
    used = css_purge.classes_used(tmp_path)
    assert {"fa-solid", "fa-bars", "note", "show", "collapsing"} <= used and "fa-moon" not in used


def test_icon_glyphs_are_read_from_escapes_and_characters():
    assert icon_font.glyphs('.fa-bars:before{content:"\\f0c9"}:root{--i:"\uf15b"}') == {0xF0C9, 0xF15B}


def test_an_svg_keeps_the_style_rules_of_its_own_classes():
    svg = ('<svg id="d"><style>#d .node rect{fill:#eee}#d .actor{stroke:#000}#d{font-size:16px}</style>'
           '<g class="node default"><rect/></g></svg>')
    assert css_purge.purge_svg(svg) == ('<svg id="d"><style>#d .node rect{fill:#eee}#d{font-size:16px}</style>'
                                        '<g class="node default"><rect/></g></svg>')
