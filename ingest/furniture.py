"""Page and site furniture: the lines of a page that are about the page, not the news.

Newspaper pages print running heads, page labels and editors' lines; web pages wrap an
article in navigation bars, breadcrumbs, 发布时间/来源 lines, share and print buttons,
related-reading lists, copyright and disclaimer blocks, image stubs and auto-summaries.
:func:`furniture_kinds` names the furniture among a page's lines, reading them in their
reading form (:mod:`ingest.fold`), by the rules of :data:`LINE_RULES` (one line on its
own) and :data:`PAGE_RULES` (a line among its neighbours), in that declared order. The
furniture stays in the source view; :mod:`ingest.pagefacts` reads its dates and names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ingest.fold import CJK

_SENTENCE_PUNCT = re.compile(r"[。，；！？]")
_DATE = re.compile(r"(?:19|20)\d\d\s*(?:年[\s/]*\d{1,2}\s*月[\s/]*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})")
_TIME = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)")
_PAGE_LABEL = re.compile(r"(?<![A-Za-z])[A-H]\d{1,2}(?![\d.])|第\s*\d{1,3}\s*版|(?<!\d)\d{1,3}\s*版(?![\w])")
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")

#: Labelled fields of a web page's or e-paper's metadata line.
META_LABELS = (
    "发布时间|发表时间|发布日期|刊发日期|更新时间|时间|日期|来源|稿源|作者|浏览次数|浏览"
    "|阅读次数|阅读量|阅读|点击数|点击|语音阅读|供稿|原标题"
)
_META_FIELD = re.compile(rf"(?:^|[\s|｜])(?:{META_LABELS})\s*[:：]")
_EDITOR = re.compile(r"^\W*(?:本版)?(责编|责任编辑|编辑|总编辑|美编|校对|版式|组版|审校|值班编委|监制|制作|编审|审核)\s*[:：]")
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|投稿|热线[:：]|电话[:：]\s*\d")
_PHOTO_CREDIT_LINE = re.compile(rf"^(?:图片)?(?:文\s*/\s*图|图\s*/\s*文|摄影|图片)\s*[:：]\s*[{CJK}、，, ]{{2,30}}$")
_IMAGE = re.compile(
    r"^!\[[^\]]*\]\([^)]*\)$|^[（(【\[]?(?:相关)?(?:资料|配|新闻)?图片?[）)】\]]?$|^[（(](?:相关)?资料图片?[）)]$"
    r"|^图片新闻$|^\[?图片\]?$"
)
_BREADCRUMB = re.compile(r"(?:当前|现在|您的|你的)?(?:所在)?位置\s*[:：]|^首页\s*(?:>|›|»|＞|/|\s)|>\s*正文$")
#: Buttons and labels a web page prints around the article, alone or in a row.
_TOOL_WORDS = (
    "打印本页|打印|关闭窗口|关闭|分享到|分享|扫一扫|收藏|返回顶部|返回首页|返回|字号|字体|默认|大|中|小|【|】|正文复制|复制链接"
    "|手机版|电脑版|繁体|简体|微信|微博|qq空间|投稿|纠错|评论|点赞|语音播报"
)
_TOOLS_ONLY = re.compile(rf"^(?:(?:{_TOOL_WORDS})[\s:：|｜·•]*)+$", re.IGNORECASE)
_SITE_SECTION = re.compile(
    r"^(?:相关新闻|相关阅读|相关链接|相关文章|相关推荐|推荐阅读|延伸阅读|热门推荐|热点推荐|精彩推荐|猜你喜欢|热门文章"
    r"|往期回顾|过往期刊|往期|网友评论|我要评论|发表评论|新闻头条|今日头条|热搜|推广|上一篇|下一篇|上一条|下一条)"
    r"(?:[\s:：>»|｜]|$)"
)
_BACK_ISSUE = re.compile(r"^第?(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?期$")
_COPYRIGHT = re.compile(
    r"版权所有|copyright|©|ICP备|ICP证|网备|公网安备|增值电信业务|互联网新闻信息服务|免责声明|版权声明|未经授权.{0,12}转载"
    r"|转载请注明|违者必究|^主办(?:单位)?[:：]|^承办(?:单位)?[:：]|网站标识码|^技术支持[:：]|^网站地图|^联系我们",
    re.IGNORECASE,
)
_DISCLAIMER_CLAUSE = re.compile(r"^\d{1,2}\s*[、.．]\s*.*(?:本网|本站|本平台|转载|版权)")
#: A site's masthead or a phone prompt: ``示例市人民政府门户网站``, ``扫一扫在手机打开当前页``.
_MASTHEAD = re.compile(rf"^[{CJK}]{{2,20}}(?:门户网站|官方网站|网站|官网|新闻网|客户端)$|^扫一扫|^(?:手机|移动)版")
_SUMMARY = re.compile(r"^(?:摘要|核心提示|内容提要|提要|导读)\s*[:：]")
#: A navigation item: a short label behind a bullet, a very short one without, or 首页.
_NAV_ITEM = re.compile(rf"^(?:[•·▪●◆■]\s*[{CJK}A-Za-z ]{{1,12}}(?:>>)?|[{CJK} ]{{1,6}}|首页\w{{0,12}})$")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_running_head(text: str) -> bool:
    """A page header: the issue's date with a weekday or page label, and little else
    (``园区 B2 2025年5月9日 星期五``, ``晋中日报/2025 年/11 月/26 日/第 001 版``,
    ``A1:清徐*要闻总第2885期 >2015-11-18编印``)."""
    short = len(compact(text)) <= 48 and not _SENTENCE_PUNCT.search(text)
    issue = re.search(r"第\s*\d+\s*期", text)
    return short and bool(_DATE.search(text)) and bool(_WEEKDAY.search(text) or _PAGE_LABEL.search(text) or issue)


#: A page or issue label alone, or with the page's section name: ``第5版``, ``B2 园区``,
#: ``第3版 综合新闻``, ``总第1234期``.
_BARE_LABEL = re.compile(rf"^(?:(?:第\s*\d{{1,3}}\s*版|[A-H]\d{{1,2}}\s*版?)(?:\s*[{CJK}]{{1,8}})?|总?第\s*\d{{1,5}}\s*期)$")


def is_page_label(text: str) -> bool:
    """``第09版:锐意进取 干字当头——一线巡礼``, ``B2 园区``, ``总第1234期``: a page or issue
    number, alone or with the page's section name."""
    labelled = bool(re.match(r"^(?:第\s*\d{1,3}\s*版|[A-H]\d{1,2}\s*版?)\s*[:：]", text)) and len(compact(text)) <= 60
    return labelled or bool(_BARE_LABEL.match(text.strip()))


def is_meta_line(text: str) -> bool:
    """``2024-10-21 来源:长治日报 编辑:秦天``, ``发表时间:…来源:山西日报``, ``日期:12-02``, a
    bare ``2024-06-07 21:13:44`` or ``B站影视 内地电影 2025-09-30 16:01``: the article's
    metadata, whatever the site calls its fields."""
    if len(compact(text)) > 120 or "。" in text:
        return False
    if _META_FIELD.search(text) or re.match(rf"^(?:{META_LABELS})\s*[:：]", text):
        return True
    dated = bool(_DATE.search(text))
    return dated and (bool(_TIME.search(text)) or len(compact(_DATE.sub("", text))) == 0) and len(compact(text)) <= 48


def is_editorial(text: str) -> bool:
    """``责编: 董保彤``, ``投稿：kfqjszk@163.com``, ``文/图：…``: lines about making the page."""
    stripped = text.strip()
    return (
        bool(_EDITOR.match(stripped))
        or (len(stripped) <= 60 and bool(_CONTACT.search(stripped)))
        or bool(_PHOTO_CREDIT_LINE.match(stripped))
    )


def is_image_stub(text: str) -> bool:
    """``![…](…)``, ``(相关资料图)``, ``图片``: where the page had a picture."""
    return bool(_IMAGE.match(compact(text)))


def is_site_chrome(text: str) -> bool:
    """Breadcrumbs, buttons, related-reading and back-issue labels, copyright lines."""
    stripped = text.strip()
    short = len(compact(stripped)) <= 40
    return (
        bool(_BREADCRUMB.search(stripped)) and short
        or bool(_TOOLS_ONLY.match(compact(stripped)))
        or bool(_SITE_SECTION.match(stripped)) and (short or "热搜" in stripped[:8])
        or bool(_BACK_ISSUE.match(compact(stripped)))
        or bool(_COPYRIGHT.search(stripped)) and len(compact(stripped)) <= 160
        or bool(_DISCLAIMER_CLAUSE.match(stripped))
        or bool(_MASTHEAD.match(compact(stripped))) and short
    )


def is_summary(text: str) -> bool:
    """``摘要：…``, ``核心提示：…``: a site's automatic summary, repeating the lead."""
    return bool(_SUMMARY.match(text.strip()))


LineRule = Callable[[str], bool]
#: Rules that judge a line on its own, in the order they are tried; the name is the kind.
LINE_RULES: tuple[tuple[str, LineRule], ...] = (
    ("running-head", is_running_head),
    ("page-label", is_page_label),
    ("image", is_image_stub),
    ("meta", is_meta_line),
    ("editorial", is_editorial),
    ("site", is_site_chrome),
    ("summary", is_summary),
)


def is_banner_slogan(text: str, *, at_edge: bool) -> bool:
    """A slogan strip across the page: several spaced chunks, no sentence punctuation, at an
    edge of the page (``在 习近平新时代…指引下 ——新时代新作为新篇章 弘扬吕梁精神 …``)."""
    chunks = text.split()
    return at_edge and len(chunks) >= 4 and len("".join(chunks)) >= 20 and not _SENTENCE_PUNCT.search(text)


def nav_bar(texts: Sequence[str], kinds: list[str | None]) -> None:
    """A run of three or more short labels before the first sentence of the page is its
    navigation bar (``首页 • 时政 • 国际 …``, one label a line)."""
    first_prose = next((i for i, t in enumerate(texts) if _SENTENCE_PUNCT.search(t)), len(texts))
    run: list[int] = []
    for i in range(first_prose + 1):
        is_item = i < first_prose and kinds[i] is None and bool(_NAV_ITEM.match(texts[i].strip()))
        if is_item:
            run.append(i)
            continue
        if len(run) >= 3:
            for k in run:
                kinds[k] = "nav"
        run = []


def disclaimer_block(texts: Sequence[str], kinds: list[str | None]) -> None:
    """After a copyright or disclaimer line, numbered clauses are the rest of the notice."""
    inside = False
    for i, text in enumerate(texts):
        if kinds[i] == "site" and _COPYRIGHT.search(text):
            inside = True
        elif inside and kinds[i] is None and re.match(r"^\d{1,2}\s*[、.．]", text.strip()):
            kinds[i] = "site"
        elif kinds[i] is None:
            inside = False


def repeated_headline(texts: Sequence[str], kinds: list[str | None]) -> None:
    """A headline printed twice (site templates often do): the second copy is furniture."""
    seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        key = compact(text)
        # A signature (（闫杰）) may sign two articles a few lines apart: it is no headline.
        signature = key.startswith(("（", "(")) or len(key) < 6
        if kinds[i] is None and key in seen and i - seen[key] <= 4 and len(key) <= 60 and not text.endswith("。") and not signature:
            kinds[i] = "duplicate"
        seen.setdefault(key, i)


def edge_banners(texts: Sequence[str], kinds: list[str | None]) -> None:
    """A slogan strip closing the page; at its top only a long strip (six chunks or more),
    since a spaced headline (``【新时代 新征程】服务企业 创新赋能``) opens many web pages."""
    if texts and kinds[-1] is None and is_banner_slogan(texts[-1], at_edge=True):
        kinds[-1] = "banner"
    if texts and kinds[0] is None and len(texts[0].split()) >= 6 and is_banner_slogan(texts[0], at_edge=True):
        kinds[0] = "banner"


PageRule = Callable[[Sequence[str], list[str | None]], None]
#: Rules that need a line's neighbours, applied after :data:`LINE_RULES` in this order.
PAGE_RULES: tuple[PageRule, ...] = (nav_bar, disclaimer_block, repeated_headline, edge_banners)


def furniture_kinds(texts: Sequence[str]) -> list[str | None]:
    """For each non-empty line (reading form, in page order) its furniture kind, or None
    for a content line."""
    kinds: list[str | None] = []
    for text in texts:
        kinds.append(next((kind for kind, rule in LINE_RULES if rule(text.strip())), None))
    for rule in PAGE_RULES:
        rule(texts, kinds)
    return kinds
