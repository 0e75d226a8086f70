"""furniture: each rule with seed lines of the kind of page that shows it."""

from __future__ import annotations

import pytest

from ingest.fold import reading_form
from ingest.furniture import furniture_kinds


def kinds(*lines: str) -> list[str | None]:
    return furniture_kinds([reading_form(line) for line in lines])


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("园区 B2 2025年5月9日 星期五", "running-head"),
        ("示例日报/2023 年/7 月/14 日/第 005 版", "running-head"),
        ("A3:示例*要闻总第1234期 >2019-04-02编印", "running-head"),
        ("第07版:园区巡礼——一线观察", "page-label"),
        ("第5版", "page-label"),
        ("B2 园区", "page-label"),
        ("第3版 综合新闻", "page-label"),
        ("总第1234期", "page-label"),
        ("![](/uploads/a.jpg)", "image"),
        ("(相关资料图)", "image"),
        ("（資料圖片）", "image"),
        ("2024-10-21  来源:示例日报  编辑:李平", "meta"),
        ("发表时间:2025-04-18 16:37:59来源:示例日报", "meta"),
        ("日期:12-02", "meta"),
        ("2024-06-07 21:13:44", "meta"),
        ("栏目 视频 2025-09-30 16:01 3", "meta"),
        ("刊发日期:2015-11-18 阅读次数: 作者:王明", "meta"),
        ("责编: 董小平", "editorial"),
        ("總編輯:王明", "editorial"),
        ("文/图:李明、赵华", "editorial"),
        ("您当前的位置：首页 > 园区动态 > 正文", "site"),
        ("首頁 資訊 > 投資 > 正文", "site"),
        ("当前位置:首页 >> 开发区建设", "site"),
        ("字号：大 中 小  打印本页  关闭窗口", "site"),
        ("返回顶部", "site"),
        ("上一篇：示例县召开项目推进会", "site"),
        ("相關新聞", "site"),
        ("第2020-11-15期", "site"),
        ("Copyright © 2023 示例新闻网 版权所有 晋ICP备00000000号", "site"),
        ("推广 热搜: 最新 招商 园区", "site"),
        ("示例市人民政府门户网站", "site"),
        ("【字体：大 中 小】【打印】【关闭】", "site"),
        ("扫一扫在手机打开当前页", "site"),
        ("主办：示例市人民政府办公室  承办：示例市大数据中心", "site"),
        ("本版责编：李明 美编：王华", "editorial"),
        ("摘要：示例县经济技术开发区首批标准化厂房日前交付使用。", "summary"),
    ],
)
def test_furniture_line(line: str, kind: str) -> None:
    assert kinds(line, "正文第一句，说的是园区的事情。") == [kind, None]


@pytest.mark.parametrize(
    "line",
    [
        "推广应用清洁能源",  # a section head that starts like a site label
        "4月22日，示例化工公司50万吨/年煤焦油深加工项目开工。",
        "时间紧、任务重，开发区倒排工期",
        "在示例县经济技术开发区，一批项目正在加紧建设",
        "【新时代 新征程 新伟业】服务企业提质效 创新赋能激活力",  # a spaced headline on top
        "2023年，园区实现营业收入120亿元",
    ],
)
def test_news_text_is_not_furniture(line: str) -> None:
    assert kinds(line, "正文第一句，说的是园区的事情。") == [None, None]


def test_a_navigation_bar_before_the_first_sentence() -> None:
    page = ["首页", "  • 要闻", "  • 时政", "  • 更多>>", "项目建设跑出加速度", "春节刚过，园区的工地上塔吊林立。"]
    assert kinds(*page) == ["nav", "nav", "nav", "nav", None, None]


def test_two_short_headline_lines_are_no_navigation_bar() -> None:
    assert kinds("以标杆之力领航", "以协同之势破局", "正文第一句，说的是园区。") == [None, None, None]


def test_numbered_clauses_after_a_disclaimer_are_furniture() -> None:
    page = [
        "园区的项目正在建设。",
        "版权及免责声明",
        "1、凡本网注明来源的作品，版权均属本网。",
        "2、凡注明来源为其他媒体的作品，系转载自其它媒体。",
    ]
    assert kinds(*page) == [None, "site", "site", "site"]


def test_a_headline_printed_twice_keeps_its_first_copy() -> None:
    page = ["园区招商跑出加速度", "——示例高新区招商纪实", "园区招商跑出加速度", "——示例高新区招商纪实", "正文，说的是招商。"]
    assert kinds(*page) == [None, None, "duplicate", "duplicate", None]


def test_a_slogan_strip_closing_the_page() -> None:
    slogan = "在 新时代新征程上 ——奋发有为 勇毅前行 建设美丽园区 推动高质量发展"
    assert kinds("正文，说的是园区的事情。", slogan) == [None, "banner"]


def test_a_signature_signing_two_articles_is_no_repeated_headline() -> None:
    page = ["园区的项目开工了。", "（王明）", "另一个项目也开工了。", "（王明）"]
    assert kinds(*page) == [None, None, None, None]
