"""titles: kicker, title and subtitle from heading lines of the shapes papers and sites print."""

from __future__ import annotations

import pytest

from ingest.titles import read_title_block
from ingest.units import Unit


def block(*lines: str) -> list[Unit]:
    """One heading unit per line, as a page printing them apart gives them."""
    return [Unit("subtitle" if line.startswith("——") else "heading", line.lstrip("—"), n, n) for n, line in enumerate(lines, 1)]


def joined(*lines: str) -> list[Unit]:
    """Lines printed back to back: one heading unit that keeps its lines as parts."""
    return [Unit("heading", " ".join(lines), 1, len(lines), parts=list(lines))]


@pytest.mark.parametrize(
    ("heads", "expected"),
    [
        (block("科学规划 合理布局 拓展提升", "县长对开发区拓区工作提出要求"), ("科学规划 合理布局 拓展提升", "县长对开发区拓区工作提出要求", None)),
        (block("李明强调", "全方位服务保障到位", "夯实产业发展基础"), ("李明强调", "全方位服务保障到位 夯实产业发展基础", None)),
        (block("园区观察：", "项目建设跑出加速度"), ("园区观察：", "项目建设跑出加速度", None)),
        (joined("我市举行开发区第四次“三个一批”活动", "王明出席"), (None, "我市举行开发区第四次“三个一批”活动", "王明出席")),
        (joined("以标杆之力领航", "以协同之势破局"), (None, "以标杆之力领航 以协同之势破局", None)),
        (block("【大抓项目 大抓招商】以全链条力量推动招商"), (None, "【大抓项目 大抓招商】以全链条力量推动招商", None)),
        (block("【新春走基层】", "芯片产业园建设提速"), ("【新春走基层】", "芯片产业园建设提速", None)),
        (block("招商跑出加速度", "——示例高新区招商纪实", "招商跑出加速度"), (None, "招商跑出加速度", "示例高新区招商纪实")),
    ],
)
def test_title_block(heads: list[Unit], expected: tuple[str | None, str | None, str | None]) -> None:
    assert read_title_block(heads) == expected
