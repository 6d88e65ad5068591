"""Random streams: counter-based, so every unit of every replication has its own stream.

A draw is a pure function of ``(seed, replication, stream, unit, draw)``: a splitmix64-style
hash of those numbers, computed for whole arrays at once with NumPy. Nothing is consumed from a
shared generator, so

* the same seed gives the same numbers on any machine, in any order, split over any number of
  processes (replication 7 is the same whether it runs alone or in a batch of 1,000);
* adding a pair leaves every other pair's numbers unchanged: pair 3 reads only its own stream.

Example::

    >>> import numpy as np
    >>> streams = Streams(seed=0, replications=np.arange(2))
    >>> streams.unit_uniform(MEETINGS_STREAM, np.arange(3), draw=0).shape
    (2, 3)
"""

from __future__ import annotations

import sys

import numpy as np

__all__ = [
    "GROUP_STREAM", "MEETINGS_STREAM", "PLUGIN_STREAM", "PROGRAMME_STREAM", "UNIT_STREAM",
    "Streams", "integer_between", "mix", "uniform_between",
]

_MASK = 0xFFFFFFFFFFFFFFFF
_GOLDEN_INT = 0x9E3779B97F4A7C15
_GOLDEN = np.uint64(_GOLDEN_INT)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_UNIT = np.uint64(0xD6E8FEB86659FD93)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)

# Streams: one per purpose, so that a new kind of draw never shifts an existing one.
PROGRAMME_STREAM = 1   # phase durations, programme-wide events
UNIT_STREAM = 2        # per-unit scalars: rate, total, exit, intake offset, size, themes
MEETINGS_STREAM = 3    # per-meeting draws: interval jitter, cancellation, rescheduling
GROUP_STREAM = 4       # per-group draws: how many group meetings, when
PLUGIN_STREAM = 5      # draws a plugin makes through its context


def mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser applied element-wise to an unsigned 64-bit array (a new array)."""
    z = values + _GOLDEN
    z ^= z >> _S30
    z *= _MIX1
    z ^= z >> _S27
    z *= _MIX2
    z ^= z >> _S31
    return z


_CHUNK = 32_768
"""Hashes computed at a time by :meth:`Streams.slot_uniform_pair` (256 KB: in the cache)."""


def _mix_in_place(z: np.ndarray, spare: np.ndarray) -> None:
    """:func:`mix` of ``z`` into ``z`` itself (``spare``: a scratch array of its shape)."""
    z += _GOLDEN
    np.right_shift(z, _S30, out=spare)
    z ^= spare
    z *= _MIX1
    np.right_shift(z, _S27, out=spare)
    z ^= spare
    z *= _MIX2
    np.right_shift(z, _S31, out=spare)
    z ^= spare


def _to_unit_interval(hashed: np.ndarray) -> np.ndarray:
    # the top 53 bits make a double in [0, 1)
    return (hashed >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)


class Streams:
    """The random numbers of a batch of replications of one seed."""

    def __init__(self, seed: int, replications: np.ndarray) -> None:
        self.seed = int(seed)
        self.replications = np.asarray(replications, dtype=np.uint64)
        base = mix(np.array([self.seed & _MASK], dtype=np.uint64))
        self._replication_keys = mix(base + self.replications * _UNIT)  # (R,)

    def _keys(self, stream: int, units: np.ndarray) -> np.ndarray:
        """(R, N) keys of the units' streams."""
        stream_key = mix(self._replication_keys ^ np.uint64((stream * 0x632BE59BD9B4E019) & _MASK))
        unit_codes = (np.asarray(units, dtype=np.uint64) + np.uint64(1)) * _UNIT
        return mix(stream_key[:, None] ^ unit_codes[None, :])

    def unit_uniform(self, stream: int, units: np.ndarray, draw: int) -> np.ndarray:
        """One uniform number in [0, 1) per replication and unit: shape (R, N)."""
        keys = self._keys(stream, units)
        return _to_unit_interval(mix(keys + np.uint64(((draw + 1) * _GOLDEN_INT) & _MASK)))

    def slot_uniform(self, stream: int, units: np.ndarray, slots: int,
                     offset: int = 0) -> np.ndarray:
        """``slots`` uniform numbers per replication and unit: shape (R, N, slots).

        Slot ``j`` of a unit is the same number whatever ``slots`` is, so growing the matrix
        never changes the earlier slots. ``offset`` starts the slots further on in the stream.
        """
        keys = self._keys(stream, units)
        counters = (np.arange(offset, offset + slots, dtype=np.uint64) + np.uint64(1)) * _GOLDEN
        return _to_unit_interval(mix(keys[:, :, None] + counters[None, None, :]))

    def slot_uniform_pair(self, stream: int, units: np.ndarray, slots: int,
                          offset: int = 0,
                          dtype: type[np.float32] | type[np.float64] = np.float64
                          ) -> tuple[np.ndarray, np.ndarray]:
        """Two independent uniform numbers per slot (32 bits each) from one hash: shape
        (R, N, slots) each. Like :meth:`slot_uniform`, slot ``j`` never depends on ``slots``."""
        keys = self._keys(stream, units)
        counters = (np.arange(offset, offset + slots, dtype=np.uint64) + np.uint64(1)) * _GOLDEN
        shape = (*keys.shape, slots)
        high: np.ndarray = np.empty(shape, dtype=dtype)
        low: np.ndarray = np.empty(shape, dtype=dtype)
        flat_keys, flat_high, flat_low = (keys.reshape(-1), high.reshape(-1, slots),
                                          low.reshape(-1, slots))
        # hashed a few hundred kilobytes at a time, in place: the arrays stay in the cache and
        # no temporary is allocated per step (the numbers are those of mix() on the whole)
        rows = max(1, _CHUNK // max(slots, 1))
        hashed = np.empty((min(rows, len(flat_keys)), slots), dtype=np.uint64)
        spare = np.empty_like(hashed)
        upper, lower = (1, 0) if sys.byteorder == "little" else (0, 1)
        scale = dtype(2.0 ** -32)
        for first in range(0, len(flat_keys), rows):
            last = min(first + rows, len(flat_keys))
            z, t = hashed[:last - first], spare[:last - first]
            np.add(flat_keys[first:last, None], counters[None, :], out=z)
            _mix_in_place(z, t)
            # the two 32-bit halves of each hash, read in place: converting them as 32-bit
            # integers gives the numbers shifting and masking the 64-bit ones would
            halves = z.view(np.uint32).reshape(last - first, slots, 2)
            part_high, part_low = flat_high[first:last], flat_low[first:last]
            part_high[...] = halves[..., upper]
            part_high *= scale
            part_low[...] = halves[..., lower]
            part_low *= scale
        return high, low

    def programme_uniform(self, draw: int) -> np.ndarray:
        """One programme-wide uniform number per replication: shape (R,)."""
        return self.unit_uniform(PROGRAMME_STREAM, np.zeros(1, dtype=np.uint64), draw)[:, 0]


def uniform_between(u: np.ndarray, low: float | np.ndarray, high: float | np.ndarray) -> np.ndarray:
    """Map uniform numbers in [0, 1) onto [low, high)."""
    return low + u * (np.asarray(high) - low)


def integer_between(u: np.ndarray, low: int, high: int) -> np.ndarray:
    """Map uniform numbers in [0, 1) onto the integers low..high (both included)."""
    return (low + np.floor(u * (high - low + 1))).astype(np.int64)
