"""What /docs says about each endpoint, in Chinese: summary, parameters, an example.

Kept apart from :mod:`app.routes.apidocs` (which reads the OpenAPI schema) so the words can
grow without crowding the code; ``tests/app/test_routes_apidocs.py`` fails when an endpoint
or a parameter has no words here.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every query and path parameter the JSON endpoints take, by name.
PARAMETERS: dict[str, str] = {
    "q": "搜索词。空格分开的词须同时出现；\"…\" 搜完整短语；OR 表示任一即可；-词 表示排除。繁体字、全角字母自动折合。",
    "zone": "只看关于某个开发区的报道：slug（如 jiaocheng-jingkaiqu）、正式名称或简称均可；未知名称返回 422。",
    "city": "只看关于某个地级市的报道：slug（如 lvliang）或名称（吕梁、吕梁市）；未知名称返回 422。",
    "year": "只看某一年的报道，四位数字，如 2025。",
    "source": "只看某个版面（原文文件名，见 /api/papers 或结果里的 source）。",
    "date_from": "起始日期（含），YYYY-MM-DD。日期不详的报道不在日期范围内。",
    "date_to": "截止日期（含），YYYY-MM-DD；不得早于 date_from。",
    "sort": "排序：relevance（相关度，默认）、newest（最新在前）、oldest（最早在前）。",
    "page": "页码，从 1 开始。",
    "per_page": "每页条数，1 到 100。",
    "paper": "只看某种报刊：报刊名称；- 表示未写明报刊的版面。",
    "key": "报刊名称（URL 编码）；- 表示未写明报刊的版面。",
    "article_id": "文章编号，a- 开头。改过标题的旧编号以 301 指向新编号；已删除的返回 410。",
    "paragraph_id": "段落编号，p- 开头：段落的固定链接。修订过的段落返回新版本并注明；已删除的返回 410 和原文引文。",
    "source_id": "原文编号，s- 开头。",
    "slug": "开发区或城市的 slug，见 /api/zones、/api/cities。",
}


@dataclass(frozen=True)
class Example:
    """One endpoint's words: what it answers, a request to try and the shape of its answer."""

    summary: str
    request: str
    response: str


ENDPOINTS: dict[str, Example] = {
    "/api/search": Example(
        "全文搜索：每篇文章一条结果，按相关度（或日期）排序，附最相关的段落及其固定链接。",
        "/api/search?q=交城&sort=newest&per_page=2",
        '{"query": "交城", "total": 2, "page": 1, "per_page": 2,\n'
        ' "results": [{"article_id": "a-…", "title": "…", "date": "2025-05-09|null",\n'
        '   "zones": [{"slug": "jiaocheng-jingkaiqu", "name": "交城经济开发区"}], "source": "000_….txt",\n'
        '   "passage": {"id": "p-…", "snippet_html": "…<mark>交城</mark>…"}, "url": "/p/p-…"}],\n'
        ' "facets": {"zone": [{"value": "…", "label": "…", "count": 2}], "year": […], "source": […]},\n'
        ' "explanation": {"text": "…", "clauses": […]}, "suggestions": […]}',
    ),
    "/search.csv": Example(
        "全部搜索结果的 CSV 下载（UTF-8 带 BOM，表格软件可直接打开中文），参数同 /api/search。",
        "/search.csv?q=开发区",
        "article_id,title,date,zones,source,passage_id,passage,url\na-…,…,2025-05-09,…,…,p-…,…,https://…/p/p-…",
    ),
    "/search.jsonl": Example(
        "全部搜索结果，每行一个 JSON 对象（与 /api/search 的 results 一致），参数同 /api/search。",
        "/search.jsonl?q=开发区",
        '{"article_id": "a-…", "title": "…", "date": "…", "url": "/p/p-…", …}\n{"article_id": "a-…", …}',
    ),
    "/api/home": Example(
        "首页数据：档案规模（版面、文章、段落、日期范围）、按城市分组的开发区、最新报道。",
        "/api/home",
        '{"stats": {"sources": 5, "articles": 24, "paragraphs": …, "zones": …, "cities": …,\n'
        '           "date_first": "…", "date_last": "…"},\n "cities": [{"city": {…}, "zones": […], "articles": 6}],\n'
        ' "latest": [{"id": "a-…", "title": "…", "date": "…", "publication": "…", "page": "B2", …}]}',
    ),
    "/api/articles": Example(
        "全部文章，按出版日期从新到旧（日期不详的在最后），每页 30 篇；可按报刊、开发区、城市、年份筛选。",
        "/api/articles?paper=科学导报",
        '{"filters": {"paper": "科学导报"}, "chips": [{"name": "paper", "label": "报刊：科学导报", "remove_url": "/articles"}],\n'
        ' "total": 7, "page": 1, "per_page": 30, "articles": [{"id": "a-…", "title": "…", "date": "2025-05-09", …}],\n'
        ' "prev_url": null, "next_url": null, "papers": […]}',
    ),
    "/api/articles/{article_id}": Example(
        "一篇文章，即导出格式的一条记录：标题、作者、日期、出处（报刊、版次、原文文件）、开发区、城市和全部段落。",
        "/api/articles/{article}",
        '{"id": "a-…", "title": "…", "kicker": null, "subtitle": null, "byline": "…", "dateline": "本报讯", "date": "…",\n'
        ' "source": {"file": "….txt", "sha256": "…", "publication": "科学导报", "page": "B2", "url": null},\n'
        ' "zones": [{"slug": "…", "name": "…", "role": "subject"}], "cities": […],\n'
        ' "paragraphs": [{"id": "p-…", "kind": "body", "text": "…", "lines": [12, 14]}],\n'
        ' "continued_from": null, "continued_to": null}',
    ),
    "/api/passages/{paragraph_id}": Example(
        "一个段落（固定链接）：文字、来源行号、如何到达（修订过的旧编号会注明），以及 GB/T 7714、纯文本、RIS、BibTeX 四种引用。",
        "/api/passages/{paragraph}",
        '{"requested_id": "p-…", "id": "p-…", "status": "live", "redirected_from": [], "old_text": null,\n'
        ' "kind": "body", "text": "…", "line_start": 12, "line_end": 14, "permalink": "https://…/p/p-…",\n'
        ' "source_url": "/sources/s-…#L12-L14", "citation_gbt": "作者. 题名[N/OL]. 报刊, 2025-05-09(B2)[引用日期]. https://….",\n'
        ' "citation_plain": "…", "citation_ris": "TY  - NEWS…", "citation_bibtex": "@article{…}",\n'
        ' "article_id": "a-…", "article_title": "…"}',
    ),
    "/api/sources/{source_id}": Example(
        "原文文件：逐行文字（行号从 1 开始）和从中切分出的文章。",
        "/api/sources/{source}",
        '{"id": "s-…", "name": "….txt", "sha256": "…", "encoding": "utf-8", "publication": "…", "page": "B2",\n'
        ' "date": "…", "lines": [{"number": 1, "text": "…", "paragraph_id": null}], "articles": [{"id": "a-…", …}]}',
    ),
    "/api/papers": Example(
        "档案中的全部报刊，版面最多的在前：期数、版面数、文章数和日期范围。",
        "/api/papers",
        '{"papers": [{"key": "科学导报", "name": "科学导报", "url": "/papers/…", "issues": 1, "pages": 1,\n'
        '             "articles": 7, "date_first": "2025-05-09", "date_last": "2025-05-09"}]}',
    ),
    "/api/papers/{key}": Example(
        "一种报刊：各期按日期从新到旧，每期的各版，每版上的文章按刊印顺序。",
        "/api/papers/科学导报",
        '{"paper": {"key": "科学导报", …}, "issues": [{"date": "2025-05-09",\n'
        '  "pages": [{"source_id": "s-…", "label": "B2", "articles": [{"id": "a-…", "title": "…", …}]}]}]}',
    ),
    "/api/zones": Example(
        "全部开发区（包括尚无报道的），按所在城市分组，附以它为主题或报道它的文章篇数。",
        "/api/zones",
        '{"cities": [{"city": {"slug": "lvliang", "name": "吕梁市", "kind": "city"},\n'
        '  "zones": [{"slug": "…", "name": "…", "level": "provincial", "level_name": "省级", "discovered": false,\n'
        '             "articles": 5, "mentions": 1}], "articles": 6}], "total": …, "reported": …}',
    ),
    "/api/zones/{slug}": Example(
        "一个开发区：名称、简称、级别、所在县区、相关报道（从新到旧）、提及时间线、同城其他开发区，以及报道中的数据（每条注明出处段落）。",
        "/api/zones/jiaocheng-jingkaiqu",
        '{"slug": "jiaocheng-jingkaiqu", "name": "交城经济开发区", "aliases": ["交城经开区"], "level_name": "省级",\n'
        ' "city": {…}, "county": {…}, "articles": […], "mentioned_in": […],\n'
        ' "timeline": [{"month": "2025-05", "mentions": 3, "articles": 1}], "related": […],\n'
        ' "facts": [{"kind": "…", "value": "…", "unit": "…", "passage_id": "p-…", "article_id": "a-…", "date": "…"}], …}',
    ),
    "/api/cities": Example(
        "山西省十一个地级市，附相关报道篇数和开发区个数。",
        "/api/cities",
        '{"cities": [{"slug": "lvliang", "name": "吕梁市", "articles": 6, "zones": 1}]}',
    ),
    "/api/cities/{slug}": Example(
        "一个地级市：县级行政区（附报道中的提及次数）、开发区、相关报道。",
        "/api/cities/lvliang",
        '{"slug": "lvliang", "name": "吕梁市", "code": "141100", "counties": [{"slug": "…", "name": "交城县", "mentions": 4, …}],\n'
        ' "zones": […], "articles": […], …}',
    ),
}
