"""Photo captions re-set in narrow columns: a caption wrapped over several lines, its credit
at the end of its last sentence or on a line of its own, then an article's first paragraph.

Whatever the column width, the caption must stay apart from the body — a caption merged into
the first paragraph drags the places it names into the article (a caption naming 晋中市
made a page about other cities "about" 晋中) — and the body paragraph must come back whole.
The body paragraphs are the sample corpus' own (:func:`tests.ingest.test_layouts.specimens`);
the captions are written here in the shape papers print them.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from ingest.clean import clean_page
from ingest.model import PageParagraph, SourceText
from ingest.segment import segment_page
from tests.ingest.test_layouts import INDENT, LAYOUT_SETTINGS, SPARE_NAMES, is_full, specimens, wrap

#: One-sentence captions: what the picture shows, as papers write them.
CAPTIONS = (
    "示例县一家陶瓷企业的工人正在检查新出窑的日用瓷产品。",
    "园区西区的新厂房内，技术人员正在调试一条自动化生产线。",
    "开发区一家新能源企业的装配车间里，工人们正在赶制订单。",
    "项目工地上塔吊林立，施工人员正在浇筑厂房的基础。",
)
ROLES = ("本报记者 ", "记者 ", "通讯员 ", "")


def paragraphs_of(text: str) -> list[PageParagraph]:
    """Every paragraph of every article the segmenter reads on the page, in order."""
    articles = segment_page(clean_page(SourceText("p.txt", "0", "utf-8", text)))
    return [paragraph for article in articles for paragraph in article.paragraphs]


@st.composite
def captioned_pages(draw: st.DrawFn) -> tuple[str, str]:
    """(page text, the body paragraph it must give back)."""
    width = draw(st.integers(min_value=10, max_value=30))
    indent = draw(st.booleans())
    caption = draw(st.sampled_from(CAPTIONS))
    credit = f"{draw(st.sampled_from(ROLES))}{draw(st.sampled_from(SPARE_NAMES))} 摄"
    own_line = draw(st.booleans())
    bodies = [text for specimen in specimens() for kind, text in specimen.paragraphs if kind == "body"]
    body = draw(st.sampled_from(bodies))
    lines = wrap(caption, width) + [credit] if own_line else wrap(caption + credit, width)
    first = width - 2 if indent else width
    body_lines = wrap(body, width, first_width=first)
    if indent:
        body_lines[0] = INDENT + body_lines[0]
    # A body that shows no column (fewer than three full lines) gives a reader no width to
    # read the caption's short lines against: not generated, as in test_layouts.
    assume(sum(is_full(line, width) for line in body_lines[:-1]) >= 2)
    return "\n".join([*lines, *body_lines]) + "\n", body


@LAYOUT_SETTINGS
@given(captioned_pages())
def test_a_wrapped_caption_stays_apart_from_the_body_in_any_column(page: tuple[str, str]) -> None:
    text, body = page
    paragraphs = paragraphs_of(text)
    assert (paragraphs[-1].kind, paragraphs[-1].text) == ("body", body)
    for paragraph in paragraphs[:-1]:  # what the linker weighs as a caption (ingest.link)
        assert paragraph.kind == "caption" or paragraph.text.endswith("摄"), (paragraph.kind, paragraph.text)
