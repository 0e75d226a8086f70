"""The Whoosh tokenizers of the one analyzer (:mod:`app.search.analyzer`): the same words
and grams, as the Whoosh index's fields take them. Apart from the analyzer so that an
archive on tantivy never loads Whoosh."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whoosh.analysis import Token, Tokenizer

from app.search.analyzer import char_grams, cut_words


class WordTokenizer(Tokenizer):  # type: ignore[misc]
    """Whoosh tokenizer for word fields: precise-mode jieba on folded text, token positions."""

    def __call__(  # type: ignore[no-untyped-def]
        self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
        start_pos=0, start_char=0, mode="", **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        items = ((word, pos, start, end) for pos, (word, start, end) in enumerate(cut_words(value)))
        yield from _emit(token, items, keeporiginal=keeporiginal, start_pos=start_pos, start_char=start_char)


class GramTokenizer(Tokenizer):  # type: ignore[misc]
    """Whoosh tokenizer for gram fields (see :func:`char_grams`)."""

    def __init__(self, *, unigrams: bool = True, bigrams: bool = True) -> None:
        self.unigrams = unigrams
        self.bigrams = bigrams

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, GramTokenizer) and other.unigrams == self.unigrams
                and other.bigrams == self.bigrams)

    def __hash__(self) -> int:
        return hash((self.unigrams, self.bigrams))

    def __call__(  # type: ignore[no-untyped-def]
        self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
        start_pos=0, start_char=0, mode="", **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        grams = char_grams(value, unigrams=self.unigrams, bigrams=self.bigrams)
        yield from _emit(token, grams, keeporiginal=keeporiginal, start_pos=start_pos, start_char=start_char)


def _emit(
    token: Token, items: Iterable[tuple[str, int, int, int]], *, keeporiginal: bool, start_pos: int, start_char: int
) -> Iterator[Token]:
    """Whoosh's one reused token, filled from (text, position, start, end) items."""
    for text, pos, start, end in items:
        token.text = text
        token.boost = 1.0
        if keeporiginal:
            token.original = text
        token.stopped = False
        if token.positions:
            token.pos = start_pos + pos
        if token.chars:
            token.startchar = start_char + start
            token.endchar = start_char + end
        yield token
