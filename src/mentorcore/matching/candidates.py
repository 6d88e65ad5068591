"""Participants as NumPy columns, and the candidate pairs a criterion scores all at once.

:class:`Encoded` turns a :class:`~mentorcore.matching.participants.Participants` into arrays:
text values become integer codes from one vocabulary shared by every column (so a mentee's
``wished_field`` and a mentor's ``field`` compare as integers); two values have the same code
exactly when :func:`~mentorcore.spelling.normalise` makes them equal (Unicode NFC,
case-folded, spaces collapsed), so every criterion compares text as people read it. Lists become
code lists; numbers, dates and booleans become floats with ``nan`` for empty cells.

:class:`Candidates` is what a criterion's ``evaluate`` receives. In *matrix* mode the mentees'
columns have shape ``(n, 1)`` and the mentors' ``(1, m)``, so ordinary NumPy operators broadcast
to the ``(n, m)`` matrix of every candidate pair; in *pairs* mode both have shape ``(k,)`` and
the same code scores ``k`` given pairs (used for explanations). Set operations on list fields use
bitsets over a local vocabulary, 64 values to a machine word.
"""

from __future__ import annotations

import threading
from typing import Any

from mentorcore.i18n import _, alternatives
from mentorcore.kinds import CriterionError
from mentorcore.matching.participants import Participants
from mentorcore.spelling import normalise

__all__ = ["ABSENT", "MISSING", "Candidates", "Encoded", "Side"]

MISSING = -1
"""Code of an empty text cell."""
ABSENT = -2
"""Code of a value that nobody has (never equal to any code)."""


def _np() -> Any:
    import numpy

    return numpy


class Encoded:
    """Every declared field of a participant list as arrays over all people (file order)."""

    def __init__(self, participants: Participants) -> None:
        np = _np()
        self.participants = participants
        self.vocabulary: dict[str, int] = {}
        self.words: list[str] = []
        self._seen: dict[str, int] = {}  # a value as written → its code (normalised once)
        self.types: dict[str, str] = {"id": "text"}
        self.text: dict[str, Any] = {}
        self.lists: dict[str, tuple[Any, Any]] = {}
        self.numbers: dict[str, Any] = {}
        self._bitsets: dict[tuple[str, str], tuple[Any, Any, int]] = {}
        self._lock = threading.Lock()
        self.text["id"] = self._codes(participants.ids)
        for field in participants.fields:
            values = participants.values[field.id]
            self.types[field.id] = field.type
            if field.type == "text":
                self.text[field.id] = self._codes(values)
            elif field.type == "list":
                lengths = np.fromiter((len(v) if v else 0 for v in values), dtype=np.int64,
                                      count=len(values))
                indptr = np.zeros(len(values) + 1, dtype=np.int64)
                np.cumsum(lengths, out=indptr[1:])
                flat = [item for v in values if v for item in v]
                self.lists[field.id] = (indptr, self._codes(flat))
            elif field.type == "date":
                self.numbers[field.id] = np.array(
                    [np.nan if v is None else float(v.toordinal()) for v in values],
                    dtype=np.float64)
            else:  # number, boolean
                self.numbers[field.id] = np.array(
                    [np.nan if v is None else float(v) for v in values], dtype=np.float64)

    def _codes(self, values: Any) -> Any:
        np = _np()
        vocabulary, words = self.vocabulary, self.words
        seen = self._seen
        out = np.empty(len(values), dtype=np.int32)
        for k, value in enumerate(values):
            if value is None:
                out[k] = MISSING
                continue
            raw = str(value)
            code = seen.get(raw)
            if code is None:
                key = normalise(raw)
                code = vocabulary.get(key)
                if code is None:
                    code = vocabulary[key] = len(words)
                    words.append(key)
                seen[raw] = code
            out[k] = code
        return out

    def code(self, value: Any) -> int:
        """The code of a literal value (``ABSENT`` when nobody has it)."""
        return self.vocabulary.get(normalise(str(value)), ABSENT)

    def bitsets(self, left_name: str, right_name: str) -> tuple[Any, Any, int]:
        """Everyone's values of two text or list fields as bitsets over the values the two
        fields hold (64 to a word): (left bits, right bits, words). Cached; thread-safe."""
        key = (left_name, right_name)
        with self._lock:
            if key not in self._bitsets:
                self._bitsets[key] = self._build_bitsets(left_name, right_name)
            return self._bitsets[key]

    def _build_bitsets(self, left_name: str, right_name: str) -> tuple[Any, Any, int]:
        np = _np()
        everyone = Side(self, np.arange(len(self.participants)), (-1,))
        left_rows, left_codes = everyone.codes(left_name)
        right_rows, right_codes = everyone.codes(right_name)
        # only values that both fields hold can be shared: the bitsets need no others
        local = np.intersect1d(left_codes, right_codes)
        if len(local) == 0:
            return None, None, 0
        words = -(-len(local) // 64)
        dtype = np.uint64 if len(local) > 32 else np.uint32 if len(local) > 16 else \
            np.uint16 if len(local) > 8 else np.uint8
        sets = []
        for rows, codes in ((left_rows, left_codes), (right_rows, right_codes)):
            position = np.minimum(np.searchsorted(local, codes), max(len(local) - 1, 0))
            shared = local[position] == codes if len(local) else np.zeros(len(codes), bool)
            rows, position = rows[shared], position[shared]
            bits = np.zeros((len(everyone), words), dtype=np.uint64)
            if len(rows):
                # a person's values are distinct, so within a word adding the bits is OR-ing
                cell = rows * words + position // 64
                order = np.argsort(cell, kind="stable")
                cell = cell[order]
                value = np.left_shift(np.uint64(1), (position % 64).astype(np.uint64))[order]
                starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
                bits.ravel()[cell[starts]] = np.add.reduceat(value, starts)
            sets.append(bits if dtype is np.uint64 else bits.astype(dtype))
        return sets[0], sets[1], words

    def type_of(self, name: str) -> str | None:
        return self.types.get(name)


class Side:
    """One side of the candidate pairs: selected people, shaped for broadcasting."""

    def __init__(self, encoded: Encoded, index: Any, shape: tuple[int, ...]) -> None:
        self.encoded = encoded
        self.index = index
        self._shape = shape

    def __len__(self) -> int:
        return len(self.index)

    def _orient(self, array: Any) -> Any:
        return array.reshape(self._shape)

    def _type(self, name: str, *allowed: str) -> str:
        kind = self.encoded.type_of(name)
        if kind is None:
            raise CriterionError(_("the participant list has no column '{column}'").format(
                column=name))
        if allowed and kind not in allowed:
            raise CriterionError(_("field '{field}' is of type {type}, expected {types}").format(
                field=name, type=kind, types=alternatives(allowed)))
        return kind

    def text(self, name: str) -> Any:
        """Integer codes of a text field (``-1`` where empty)."""
        self._type(name, "text")
        return self._orient(self.encoded.text[name][self.index])

    def number(self, name: str) -> Any:
        """Floats of a number, date (as day numbers) or boolean field (``nan`` where empty)."""
        self._type(name, "number", "date", "boolean")
        return self._orient(self.encoded.numbers[name][self.index])

    def boolean(self, name: str) -> Any:
        """True where a boolean field is true (false where false or empty)."""
        self._type(name, "boolean")
        return self._orient(self.encoded.numbers[name][self.index] == 1.0)

    def present(self, name: str) -> Any:
        """True where the field has a value (a non-empty list)."""
        return self._orient(self.size(name, oriented=False) > 0)

    def size(self, name: str, oriented: bool = True) -> Any:
        """Number of values: list length; 1 or 0 for other fields."""
        np = _np()
        kind = self._type(name)
        if kind == "list":
            indptr, _items = self.encoded.lists[name]
            sizes = indptr[self.index + 1] - indptr[self.index]
        elif kind == "text":
            sizes = (self.encoded.text[name][self.index] >= 0).astype(np.int64)
        else:
            sizes = (~np.isnan(self.encoded.numbers[name][self.index])).astype(np.int64)
        return self._orient(sizes) if oriented else sizes

    def codes(self, name: str) -> tuple[Any, Any]:
        """(row, code) of every value of a text or list field, rows counted within the side."""
        np = _np()
        kind = self._type(name, "text", "list")
        if kind == "text":
            codes = self.encoded.text[name][self.index]
            rows = np.nonzero(codes >= 0)[0]
            return rows, codes[rows]
        indptr, flat = self.encoded.lists[name]
        starts = indptr[self.index]
        lengths = indptr[self.index + 1] - starts
        total = int(lengths.sum())
        rows = np.repeat(np.arange(len(self.index)), lengths)
        offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return rows, flat[np.repeat(starts, lengths) + offsets]


def _popcount(words: Any) -> Any:
    np = _np()
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words)
    table = np.array([i.bit_count() for i in range(256)], dtype=np.uint8)
    as_bytes = np.ascontiguousarray(words).view(np.uint8).reshape(*words.shape, 8)
    return table[as_bytes].sum(axis=-1, dtype=np.uint8)


class Candidates:
    """The candidate pairs a criterion scores: ``left`` (mentees, or buddies) against ``right``
    (mentors, or buddies). ``shape`` is ``(n, m)`` in matrix mode, ``(k,)`` in pairs mode."""

    def __init__(self, encoded: Encoded, left_index: Any, right_index: Any,
                 pairs: bool = False) -> None:
        self.encoded = encoded
        self.pairs = pairs
        if pairs:
            if len(left_index) != len(right_index):
                raise ValueError("pairs mode needs as many left as right people")
            self.left = Side(encoded, left_index, (-1,))
            self.right = Side(encoded, right_index, (-1,))
            self.shape: tuple[int, ...] = (len(left_index),)
        else:
            self.left = Side(encoded, left_index, (-1, 1))
            self.right = Side(encoded, right_index, (1, -1))
            self.shape = (len(left_index), len(right_index))

    def code(self, value: Any) -> int:
        """The code of a literal value, to compare with :meth:`Side.text`."""
        return self.encoded.code(value)

    def _bitsets(self, left_name: str, right_name: str) -> tuple[Any, Any, int]:
        left, right, words = self.encoded.bitsets(left_name, right_name)
        if not words:
            return None, None, 0
        return left[self.left.index], right[self.right.index], words

    def _nothing(self, dtype: Any) -> Any:
        return _np().broadcast_to(_np().zeros((), dtype=dtype), self.shape)

    def _word(self, bits: Any, side: Side, word: int) -> Any:
        return bits[:, word].reshape(side._shape)

    def overlap(self, left_name: str, right_name: str) -> Any:
        """True where the left person's values (a text or list field) and the right person's
        share at least one value. Empty cells share nothing."""
        np = _np()
        if self.encoded.type_of(left_name) == "text" and \
                self.encoded.type_of(right_name) == "text":
            a, b = self.left.text(left_name), self.right.text(right_name)
            return (a == b) & (a >= 0)
        left, right, words = self._bitsets(left_name, right_name)
        if not words:
            return self._nothing(bool)
        result = None
        for word in range(words):
            part = (self._word(left, self.left, word) & self._word(right, self.right, word)) != 0
            result = part if result is None else np.logical_or(result, part, out=result)
        return result

    def shared(self, left_name: str, right_name: str) -> Any:
        """How many values the left person's field and the right person's field share."""
        np = _np()
        if self.encoded.type_of(left_name) == "text" and \
                self.encoded.type_of(right_name) == "text":
            return self.overlap(left_name, right_name).astype(np.int64)
        left, right, words = self._bitsets(left_name, right_name)
        if not words:
            return self._nothing(np.uint8)
        result = None
        for word in range(words):
            part = _popcount(self._word(left, self.left, word)
                             & self._word(right, self.right, word))
            result = part if result is None else result + part.astype(np.int64)
        return result
