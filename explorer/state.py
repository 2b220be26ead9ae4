"""What the app remembers between launches: the open report, the reading position, recent queries.

A small JSON file in the user data directory, written atomically. A missing or
unreadable file simply means "nothing remembered".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.atomic import atomic_write_text
from index.paths import state_path

MAX_RECENT_QUERIES = 50


@dataclass
class AppState:
    report: str | None = None
    paragraph: int = 0
    recent_queries: list[str] = field(default_factory=list)

    def remember_query(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        if query in self.recent_queries:
            self.recent_queries.remove(query)
        self.recent_queries.append(query)
        del self.recent_queries[:-MAX_RECENT_QUERIES]


def load_state(path: Path | None = None) -> AppState:
    path = path or state_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return AppState(
            report=data.get("report") if isinstance(data.get("report"), str) else None,
            paragraph=int(data.get("paragraph") or 0),
            recent_queries=[q for q in data.get("recent_queries", []) if isinstance(q, str)],
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return AppState()


def save_state(state: AppState, path: Path | None = None) -> None:
    path = path or state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(asdict(state), ensure_ascii=False, indent=1))
