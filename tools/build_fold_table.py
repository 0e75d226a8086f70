"""Write ``app/data/t2s_chars.json``, the traditional → simplified table folding reads.

Usage: ``.venv/bin/python tools/build_fold_table.py`` after changing the pinned OpenCC.
The table is OpenCC's ``t2s`` applied to every CJK character on its own
(:func:`app.search.analyzer.opencc_pairs`); ``tests/app/search/test_analyzer.py`` fails
while the committed file differs from what the installed OpenCC gives.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.search.analyzer import T2S_FILE, opencc_pairs  # noqa: E402


def main() -> None:
    pairs = opencc_pairs()
    document = {"opencc": version("opencc"), "pairs": "".join(before + after for before, after in sorted(pairs.items()))}
    T2S_FILE.write_text(json.dumps(document, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(pairs)} characters written to {T2S_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
