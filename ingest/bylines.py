"""The lines around a title (part of stage 3a): bylines, datelines and ——subtitles.

Who wrote an article is printed above its body (``□ 清徐融媒``, ``本报记者 闫杰``,
``记者 郑婷 通讯员 李阳``), after it (``吕继峰 贾耀鹏``, ``（张虎虎）``) or in its dateline
(``本报讯（记者 付永文）``). Lines that only ever follow a title — a ——subtitle, a dateline,
a byline above the body — tell where an article opens.
"""

from __future__ import annotations

import re

from ingest.clean import CJK
from ingest.model import Line

DATELINE = re.compile(
    rf"^(?P<dateline>本刊讯|本报讯|本台讯|本网讯|[{CJK}]{{2,6}}(?:报|社|网|台|刊|媒)讯)"
    rf"\s*(?:[（(](?P<reporter>(?:(?:本报|特约|见习)?(?:记者|通讯员)\s*)?[{CJK} 、]{{2,20}})[)）])?\s*"
)
PAREN_BYLINE = re.compile(rf"^[（(](?P<names>[{CJK} ]{{2,16}})[)）]$")
_TOP_BYLINE = re.compile(rf"^[□■◎●]\s*(?P<names>[{CJK} ]{{2,30}})$")
#: ``本报记者 闫杰``, ``记者 郑婷 通讯员 李阳``: a role, then names; the role says it is a byline.
_ROLE = r"(?:本报|本刊|本台|本网)?(?:特约|见习|实习)?(?:记者|通讯员|实习生)"
_REPORTER_BYLINE = re.compile(
    rf"^(?:{_ROLE}\s*[{CJK}]{{2,4}}(?:[ 、]+[{CJK}]{{2,4}})*\s*)+$"
)
#: An organisation signing an article (``□ 清徐融媒``), not a person.
_MEDIA_SIGNATURE = re.compile(rf"[{CJK}]{{1,8}}(?:融媒|融媒体中心|新闻中心|记者站|报社|电视台|宣传部)$")
#: A photo credit ending a line (拍摄 there is the verb, not a credit).
CREDIT = re.compile(rf"(?P<names>[{CJK}]{{2,4}}(?:[ 、][{CJK}]{{2,4}})*)\s*(?<!拍)摄$")
#: The names of a photo credit, however the page spaced them (cleaning may have joined
#: ``李阳 王金华`` into ``李阳王金华``), then 摄.
_CREDIT_NAMES = rf"[{CJK}][{CJK}、 ]{{1,15}}(?<!拍)摄$"
#: A photo credit alone on its line: ``本报记者 某某 摄``.
BARE_CREDIT = re.compile(rf"^(?:{_ROLE})?\s*{_CREDIT_NAMES}")
#: A caption's closing photo credit after its last sentence: ``…老陈醋产品。本报记者某某摄``.
CAPTION_END = re.compile(rf"[。！？”）)]\s*(?:{_ROLE})?\s*{_CREDIT_NAMES}")
DASHES = re.compile(r"^[—–―－-]{1,3}\s*")
#: Common surnames: a 2–4 character line after an article's last paragraph is a byline
#: only if it starts like a name, not like a section heading (结语, 展望 …).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯"
    "纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪"
    "简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池查麻苑迟邝国栗进郜"
)


def looks_like_signature(text: str) -> bool:
    """People's names (``吕继峰 贾耀鹏``) or a newsroom (``清徐融媒``): who signs an article."""
    return looks_like_name_line(text) or bool(_MEDIA_SIGNATURE.fullmatch(text.replace(" ", "")))


#: Four-character names are rare; a four-character line is a name only behind one of these
#: (so a section head like 高效落地 is not read as a byline).
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文", "长孙", "夏侯",
    "司徒", "独孤", "南宫", "西门", "端木", "轩辕", "呼延", "澹台", "申屠",
)


def looks_like_name_line(text: str) -> bool:
    names = text.split()
    return 1 <= len(names) <= 4 and all(_looks_like_name(n) for n in names)


def _looks_like_name(name: str) -> bool:
    if not (2 <= len(name) <= 4 and re.fullmatch(rf"[{CJK}]+", name) and name[0] in SURNAMES):
        return False
    return len(name) < 4 or name.startswith(COMPOUND_SURNAMES)


def reporter_names(reporter: str) -> str:
    """``记者付永文`` → ``记者 付永文``: the role stays (it is printed), set apart from the names."""
    return re.sub(r"^((?:本报|特约|见习)?(?:记者|通讯员))\s*", r"\1 ", " ".join(reporter.split()))


def leading_byline(line: Line) -> str | None:
    """The names of a byline printed above an article's body, or None.

    ``□ 解德辉 张彩峰`` and ``□ 清徐融媒`` (a square, then people or an organisation);
    ``本报记者 闫杰`` and ``记者 郑婷 通讯员 李阳`` (a reporter's role, then names).
    """
    raw = " ".join(line.raw.split())
    if (m := _TOP_BYLINE.match(raw)) and (
        looks_like_signature(m.group("names")) or _REPORTER_BYLINE.match(m.group("names"))
    ):
        return " ".join(m.group("names").split())
    # ``本报记者 高在中 通讯员 栗卢建摄`` credits a photo: a caption's, not a byline.
    if _REPORTER_BYLINE.match(raw) and not raw.endswith("摄") and not line.heading_mark:
        return raw
    return None


def opens_article(line: Line) -> bool:
    """A ——subtitle, a dateline or a byline above a body: what only follows a title."""
    return bool(DASHES.match(line.text) or DATELINE.match(line.text)) or leading_byline(line) is not None
