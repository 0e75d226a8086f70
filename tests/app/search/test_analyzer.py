"""The one analyzer: folding, jieba words, character grams and their fast paths."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from app.search import analyzer
from app.search.analyzer import (
    SEGMENT_BREAK,
    bigram_positions,
    char_counts,
    char_grams,
    covering_bigrams,
    cut_words,
    fold,
    literal_chars,
)
from app.search.tokenizers import GramTokenizer, WordTokenizer

CORPUS = Path(__file__).resolve().parents[3] / "ingest" / "sample_corpus"


def corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("長治高新區", "长治高新区"),
        ("ＰＭ２．５", "pm2.5"),
        ("MEMS 5G", "mems 5g"),
        ("開發區\u3000經濟", "开发区 经济"),
        ("交城经开区", "交城经开区"),
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_length_and_is_per_character() -> None:
    # Per-character folding is what makes literal recall exact: a substring of a text
    # folds to a substring of the folded text, at the same offsets.
    text = "".join(corpus_lines()) + "乾隆乾坤髮發後臺灣İ"
    folded = fold(text)
    assert len(folded) == len(text)
    rng = random.Random(4)
    for _ in range(300):
        start = rng.randrange(len(text) - 8)
        end = start + rng.randint(1, 8)
        assert fold(text[start:end]) == folded[start:end]


def test_words_are_precise_mode_with_token_positions() -> None:
    tokens = [(t.text, t.pos) for t in WordTokenizer()("马克思 和 a 5G，PM2.5下降", positions=True)]
    assert [text for text, _ in tokens][:1] == ["马克思"]  # not 马克 + 马克思 (search mode)
    assert "a" in [text for text, _ in tokens]  # single Latin letters stay
    assert "5g" in [text for text, _ in tokens]
    assert "，" not in [text for text, _ in tokens]
    assert [pos for _, pos in tokens] == list(range(len(tokens)))


def test_word_offsets_point_into_the_original_text() -> None:
    text = "長治高新區推進ＰＭ２．５治理"
    for token in WordTokenizer()(text, chars=True):
        assert fold(text[token.startchar : token.endchar]) == token.text


def test_user_dictionary_keeps_domain_terms_whole() -> None:
    words = [word for word, _, _ in cut_words("交城经开区和长治高新技术产业开发区推动煤化工")]
    assert "经开区" in words or "交城经开区" in words
    assert "长治高新技术产业开发区" in words
    assert "煤化工" in words


def test_rjieba_cuts_like_jieba_on_the_corpus_with_the_user_dictionary() -> None:
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(60)
    reference = jieba.Tokenizer()
    analyzer.load_user_dict(reference, analyzer.domain_terms())
    awkward = ["1-3丙二醇 2024-05-01 x_y v1.2.3 COVID-19 c# 50% 3.6% a+b", "e-mail和100.5.6版"]
    for line in [*corpus_lines(), *awkward]:
        folded = fold(line)
        expected = [w for w in reference.cut(folded, HMM=True) if any(c.isalnum() for c in w)]
        assert [w for w, _, _ in cut_words(line)] == expected, line


def test_cutting_words_first_in_a_fresh_process_does_not_deadlock() -> None:
    # Building the cutter folds the domain terms, which builds the fold table under the
    # same lock: a process whose first call cut words used to hang for ever.
    code = "from app.search.analyzer import cut_words; print([w for w, _, _ in cut_words('交城经开区')])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "['交城经开区']"


def test_grams_positions_skip_spaces_and_never_cross_segments() -> None:
    grams = list(char_grams("a b" + SEGMENT_BREAK + "cd"))
    texts = [gram for gram, *_ in grams]
    assert "ab" in texts  # spaces are skipped
    assert "bc" not in texts  # no pair across a paragraph boundary
    positions = {gram: pos for gram, pos, _, _ in grams}
    assert positions["c"] - positions["b"] > 1  # and no phrase can span it


@pytest.mark.parametrize("text", ["", "交城 经开区", "a\nb", "長治高新區ＰＭ２．５\n\n下降 3.6亿元", *corpus_lines()[:40]])
def test_fast_paths_match_the_tokenizer(text: str) -> None:
    unigrams: Counter[str] = Counter()
    bigrams: defaultdict[str, list[int]] = defaultdict(list)
    for token in GramTokenizer()(text, positions=True):
        if len(token.text) == 1:
            unigrams[token.text] += 1
        else:
            bigrams[token.text].append(token.pos)
    assert dict(char_counts(text)) == dict(unigrams)
    assert dict(bigram_positions(text)) == {k: sorted(v) for k, v in bigrams.items()}


def test_covering_bigrams_cover_every_character() -> None:
    for length in range(3, 12):
        chars = "".join(chr(0x4E00 + i) for i in range(length))
        cover = covering_bigrams(chars)
        covered = {offset + i for offset, _ in cover for i in (0, 1)}
        assert covered == set(range(length))
        assert all(chars[offset : offset + 2] == gram for offset, gram in cover)


def test_literal_chars_folds_and_drops_spaces() -> None:
    assert literal_chars(" 50 萬噸 ") == "50万吨"
    assert literal_chars("   ") == ""


def test_the_bundled_t2s_table_is_what_the_pinned_opencc_gives() -> None:
    # Folding reads the committed table (tools/build_fold_table.py) instead of running
    # OpenCC over every CJK character at start; it must stay OpenCC's table.
    bundled = json.loads(analyzer.T2S_FILE.read_text(encoding="utf-8"))["pairs"]
    assert dict(zip(bundled[::2], bundled[1::2], strict=True)) == analyzer.opencc_pairs()
    assert fold("萬與醫") == "万与医"
