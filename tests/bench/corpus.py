"""Generated archives for ``make bench``: report pages re-mixed from the sample corpus.

Each article's title and paragraphs are sentences drawn at random from the whole sample
corpus, so every article mixes many source articles and postings spread the way a large
archive's would, not as copies of a few texts. Sizes are named by their articles.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "ingest" / "sample_corpus"
CHARS_PER_FILE = 6_000
#: Size name → generated files (each file ≈ 2.5 articles); ``smoke`` checks the bench itself.
SIZES = {"smoke": 20, "5k": 2_000, "25k": 10_000, "100k": 40_000}
FIXED_QUERIES = [
    "交城", "煤化工", "经开区", "碳达峰 试点", "長治高新區", "晋中国家农业高新技术产业示范区", "山西转型综合改革示范区",
    '"高质量发展"', "循环经济", "PM2.5", "3.6亿元", "5G", "MEMS", "开发区 -煤化工", "焦化 OR 钢铁", "开发区 项目",
    "园", "企业 发展 建设", "项目", "的",
]


def sentences() -> list[str]:
    """The sample corpus' sentences (6–200 characters), whitespace removed."""
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt")))
    return [s for s in re.split(r"(?<=[。！？])", re.sub(r"\s+", "", text)) if 6 <= len(s) <= 200]


def page_text(rng: random.Random, pool: list[str]) -> str:
    """One report page: articles (title, blank line, paragraphs) three blank lines apart."""
    articles = []
    size = 0
    while size < CHARS_PER_FILE:
        title = rng.choice(pool)[: rng.randint(8, 16)].rstrip("，。、")
        paragraphs = ["".join(rng.choice(pool) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(3, 7))]
        size += len(title) + sum(map(len, paragraphs))
        articles.append("\n\n".join([title, *paragraphs]))
    return "\n\n\n".join(articles) + "\n"


def generate(folder: Path, count: int, pool: list[str], *, seed: int = 2024) -> int:
    """Writes ``count`` pages into ``folder`` (the same pages for the same seed); returns bytes."""
    rng = random.Random(seed)
    total = 0
    for number in range(count):
        text = page_text(rng, pool)
        (folder / f"{number:05d}_bench.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def query_set(pool: list[str]) -> list[str]:
    """Fixed queries plus substrings of the text: 1–2 characters, jieba words, long phrases."""
    import jieba

    jieba.setLogLevel(60)
    rng = random.Random(7)
    words = sorted({w for s in pool for w in jieba.cut(s) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)})
    queries = list(FIXED_QUERIES)
    queries += [rng.choice(words) for _ in range(15)]
    for _ in range(10):
        sentence = rng.choice(pool)
        start = rng.randrange(max(1, len(sentence) - 8))
        queries.append(sentence[start : start + rng.choice([1, 2, 6, 8])])
    return queries
