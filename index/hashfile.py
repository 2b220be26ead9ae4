"""Whoosh's hash files (`whoosh.filedb.filetables`): the record layout and key hash
its HashWriter and HashReader use, in one place for the two modules that write and
read terms files without Whoosh's per-call overhead (`index.segment_codec`,
`index.terminfos`)."""

from __future__ import annotations

from hashlib import md5

from whoosh.filedb.filetables import _lengths, _pointer

KEY_AND_RECORD_LENGTHS = _lengths
"""What precedes each key: the key's length and the record's."""
SLOT = _pointer
"""A hash table slot: the key's hash, the key's position in the file."""


def key_hash(key: bytes) -> int:
    """`filetables.md5_hash` (the hash type terms files use): the MD5 digest's low 32
    bits, read as a big-endian number, without the hex digest."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")
