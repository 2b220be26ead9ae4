"""The benchmark corpus: the real reports, a temp copy, and synthetic scale-ups.

A scale-up of N× holds the real corpus once plus N-1 copies. Each copy gets a
different file name (the year in the name shifted, so ids and years differ)
and lightly shuffled lines: a few neighbouring body lines swap places, lines
stay intact, so no two copies are byte-identical and nothing can deduplicate
them. Files are handled as bytes split on LF, which keeps the GB18030/CRLF
files valid without decoding them.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def find_corpus(explicit: str | None) -> Path:
    """--corpus, else $REPORTX_CORPUS, else ../shared/corpus; exit 2 if absent."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get("REPORTX_CORPUS"):
        path = Path(os.environ["REPORTX_CORPUS"])
    else:
        path = REPO_ROOT.parent / "shared" / "corpus"
    if not path.is_dir() or not any(path.rglob("*.txt")):
        print(
            f"bench: no report corpus at {path} (a folder of .txt reports). "
            "Pass --corpus DIR or set REPORTX_CORPUS.",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return path.resolve()


def report_files(corpus: Path) -> list[Path]:
    from index.reader import discover

    return discover([corpus])


def copy_corpus(corpus: Path, dest: Path) -> Path:
    """A private copy (the bench edits files in it); returns dest."""
    shutil.copytree(corpus, dest, ignore=shutil.ignore_patterns(".*"))
    return dest


def _shifted_name(name: str, k: int) -> str:
    def shift(m: re.Match) -> str:
        return str(1800 + (int(m.group(1)) - 1800 + 23 * k) % 300)

    new, n = _YEAR.subn(shift, name, count=1)
    return f"s{k:02d}-{new}" if n else f"s{k:02d}-{name}"


def shuffle_lines(data: bytes, rng: random.Random, rate: float = 0.08) -> bytes:
    """Swap a few neighbouring long lines (paragraph bodies, not headings)."""
    lines = data.split(b"\n")
    i = 0
    while i < len(lines) - 1:
        if len(lines[i]) > 60 and len(lines[i + 1]) > 60 and rng.random() < rate:
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
            i += 2
        else:
            i += 1
    return b"\n".join(lines)


def scale_up(corpus: Path, dest: Path, factor: int) -> Path:
    """dest/ holds the corpus plus factor-1 shuffled, renamed copies."""
    files = report_files(corpus)
    copy_corpus(corpus, dest / "s00")
    for k in range(1, factor):
        rng = random.Random(k)
        for f in files:
            rel = f.relative_to(corpus)
            out = dest / f"s{k:02d}" / rel.parent / _shifted_name(rel.name, k)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(shuffle_lines(f.read_bytes(), rng))
            sidecar = f.with_name(f.stem + ".meta.yaml")
            if sidecar.exists():  # keep metadata beside its renamed report (ids from the name)
                text = re.sub(r"(?m)^id:.*$", "", sidecar.read_text(encoding="utf-8"))
                out.with_name(out.stem + ".meta.yaml").write_text(text, encoding="utf-8")
    return dest


def touch_one_file(root: Path) -> Path:
    """Change the content of one report in a corpus copy (swap two lines); returns it."""
    files = report_files(root)
    target = next(f for f in files if f.stat().st_size > 20000)
    target.write_bytes(shuffle_lines(target.read_bytes(), random.Random(99), rate=0.5) + b"\n")
    return target


def corpus_bytes(root: Path) -> int:
    return sum(f.stat().st_size for f in report_files(root))
