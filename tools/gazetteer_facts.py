"""The hand-kept facts ``build_gazetteer.py`` adds to the reference lists.

Each table says where its facts come from. Nothing here is copied from a source's wording:
names are names, and the evidence strings are the project's own notes.
"""

from __future__ import annotations

from typing import NamedTuple

#: County stems that are ordinary words or names too (小店 "small shop", 上党 the old
#: region, 五台 the mountain, 和顺 "harmonious" …): only the full name links.
UNSAFE_STEMS = frozenset(
    "小店 上党 和顺 永和 大宁 五台 左权 方山 石楼 交口 平定 盐湖 中阳 寿阳 阳高 阳城 新荣 河曲".split()
)

#: Words that contain a place name without naming the place.
NOT_PLACES = [
    "高平台", "家长子", "兄长子", "长子女", "班长子", "振兴县", "复兴县", "新兴县", "现代县", "时代县",
    "当代县", "近代县", "取代县", "相应县", "供应县", "对应县", "适应县", "响应县", "效应县", "莅临县",
    "亲临县", "光临县", "面临县", "来临县", "降临县", "濒临县", "华夏县", "千古县", "考古县", "蒙古县",
    "自古县", "太原理工",
]


class ExtraZone(NamedTuple):
    """A zone the reference lists lack, with the evidence that establishes it."""

    name: str
    level: str | None
    city: str
    county: str | None
    aliases: tuple[str, ...]
    evidence: str


#: Zones the bundled sample corpus reports on (the gold file uses these names).
CORPUS_ZONES = [
    ExtraZone("平遥经济技术开发区", "provincial", "晋中市", "平遥县",
              ("平遥开发区", "平遥经开区", "山西平遥经济技术开发区", "平遥县经济技术开发区"),
              "sample corpus: reported on in the bundled pages; level inferred"),
    ExtraZone("临猗现代农业产业示范区", "provincial", "运城市", "临猗县", ("临猗示范区", "临猗县现代农业产业示范区"),
              "sample corpus: reported on in the bundled pages; level inferred"),
    ExtraZone("云州现代农业产业示范区", "provincial", "大同市", "云州区", ("云州示范区", "云州区现代农业产业示范区"),
              "sample corpus: reported on in the bundled pages; level inferred"),
]

#: Zones public reports establish (each URL is a report that names the zone as existing
#: and reports on it); the level of a zone that is not one of the six national ones is
#: provincial by the province's own approval, hence "inferred".
REPORTED_ZONES = [
    ExtraZone("平鲁经济技术开发区", "provincial", "朔州市", "平鲁区", ("平鲁经开区",),
              "B: http://epaper.sxrb.com/shtml/sxrb/20260306/1154384.shtml (山西日报 2026); level inferred"),
    ExtraZone("怀仁经济技术开发区", "provincial", "朔州市", "怀仁市", ("怀仁经开区",),
              "B: https://ybgt.cn/news/show-4871.html; level inferred"),
    ExtraZone("吕梁经济技术开发区", "provincial", "吕梁市", None, ("吕梁经开区",),
              "B: https://news.qq.com/rain/a/20240709A00VLY00 (省发改委 survey of the zone); level inferred"),
    ExtraZone("平定经济技术开发区", "provincial", "阳泉市", "平定县", ("平定县经济技术开发区",),
              "B: http://news.43b.com.cn/a/1445915.html ; "
              "http://txcsxy.com/xwzx/gnsz/gdxw/202105/13/t20210513_36553084.shtml; level inferred"),
    ExtraZone("盐湖高新技术产业开发区", "provincial", "运城市", "盐湖区", ("运城盐湖高新区",),
              "B: https://thch813.com/archiver/tid-159364.html (2022 project start held in the zone); "
              "possibly the successor of 山西运城盐湖工业园区 (unverified); level inferred"),
    ExtraZone("阳泉高新技术产业开发区", "provincial", "阳泉市", None, ("阳泉市高新区", "阳泉市高新技术产业开发区"),
              "B: http://news.sxrb.com/GB/314063/10331155.html (reported as 阳泉高新区); possibly the renamed "
              "山西阳泉经济开发区 (unverified); level inferred"),
]

#: The name the archive uses where the reference list's name is an older or catalogue form
#: (the catalogue form stays, as ``catalogue_name``; URLs and slugs were published with these).
PREFERRED_NAMES = {
    "山西运城经济开发区": "运城经济技术开发区",
    "山西忻州经济开发区": "忻州经济技术开发区",
    "太原西山生态文化旅游示范区": "太原西山生态修复和文化旅游示范区",
}

#: Names a zone had before (renamed counties, upgraded or renamed zones).
FORMER_NAMES = {
    "晋中国家农业高新技术产业示范区": ["山西太谷农业高新技术产业示范区", "太谷农业高新技术产业示范区"],
    "屯留经济技术开发区": ["屯留县经济技术开发区"],
    "壶关经济技术开发区": ["山西壶关经济开发区", "壶关经济开发区"],
    "运城经济技术开发区": ["山西运城经济开发区", "运城经济开发区"],
    "上党经济技术开发区": ["长治县经济技术开发区"],
}

#: 2018-catalogue parks folded into a successor (per the reference list's notes; the
#: reference marks these successions as not verified against an official text).
MERGED_INTO = {
    "太原工业园区": "山西转型综合改革示范区",
    "太原不锈钢产业园区": "山西转型综合改革示范区",
    "榆次工业园区": "晋中经济技术开发区",
}

#: Zones whose area lies in more than one city: no one city is "theirs" for evidence.
SPANS_CITIES = {"山西转型综合改革示范区": ["太原市", "晋中市"]}

#: Aliases attested in the corpus, the gold file or public reports beyond the reference list.
EXTRA_ALIASES: dict[str, list[str]] = {
    "忻州经济技术开发区": ["忻州经济开发区", "忻州市经济技术开发区", "山西忻州经济开发区"],
    "山西转型综合改革示范区": ["综改示范区", "山西综改区", "转型综改示范区", "山西转型综改示范区"],
    "晋中国家农业高新技术产业示范区": ["山西晋中国家农业高新技术产业示范区", "晋中国家农高区", "晋中农高区"],
    "长治高新技术产业开发区": ["长治市高新技术产业开发区"],
    "武乡县现代农业产业示范区": ["武乡现代农业产业示范区", "武乡示范区"],
    "太原西山生态修复和文化旅游示范区": [
        "太原西山生态修复和文旅示范区", "西山生态修复和文化旅游示范区", "西山示范区", "太原西山示范区",
    ],
    "晋中经济技术开发区": ["晋中开发区"],
    "左云经济技术开发区": ["左云县经济技术开发区"],
    "高平经济技术开发区": ["高平市经济技术开发区"],
}

#: Slugs for zones whose names carry no place-plus-family shape.
SLUGS = {
    "山西转型综合改革示范区": "shanxi-zonggaiqu",
    "太原西山生态修复和文化旅游示范区": "taiyuan-xishan-shifanqu",
    "平顺生态文化旅游示范区": "pingshun-wenlv-shifanqu",
    "乡宁生态文化旅游示范区": "xiangning-wenlv-shifanqu",
    "太原武宿综合保税区": "taiyuan-wusu-zongbaoqu",
    "太原不锈钢产业园区": "taiyuan-buxiugang-yuanqu",
}

#: Long family endings → the short forms reporters use (孝义经济开发区 → 孝义经开区, 孝义开发区).
SHORT_FORMS = (
    ("经济技术开发区", "经开区"),
    ("经济技术开发区", "开发区"),
    ("经济开发区", "经开区"),
    ("经济开发区", "开发区"),
    ("高新技术产业开发区", "高新区"),
    ("现代农业产业示范区", "示范区"),
    ("现代农业产业示范区", "现代农业示范区"),
    ("生态文化旅游示范区", "文旅示范区"),
)
