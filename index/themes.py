"""Report themes: named keyword sets that tag paragraphs (carbon neutrality, energy, ...).

Themes come from a YAML file (see the shipped themes.yaml for its shape). The
user's own file replaces the shipped one; `--themes FILE` overrides both.

Matching uses the same rules as search: a keyword with Chinese characters,
digits or symbols (`index.textnorm.is_exact`) matches as written, by the exact
rule of search (`index.textnorm.find_exact`: substring of the match text,
whole words and numbers at its ends); any other keyword is an English phrase
whose stemmed terms must occur contiguously among the paragraph's terms.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.color import Color, ColorParseError

from index.atomic import atomic_write_text
from index.paths import themes_cache_dir, user_themes_path
from index.safefile import read_regular
from index.textnorm import CJK_CLASS, WORD_CHAR, find_exact, fold, has_cjk, is_exact, match_text

if TYPE_CHECKING:
    import yaml

# Bump when the matching rules change, so stored tags are recomputed.
MATCH_RULES_VERSION = 2
# Bump when the checks change, so files checked before are checked again.
CHECKS_VERSION = 2

# Colours for themes that name none: readable on a dark terminal.
DEFAULT_PALETTE = ("#5fafd7", "#d7af5f", "#87d787", "#d787af", "#af87ff", "#5fd7d7", "#ff875f", "#d7d75f")

_THEME_KEYS = {"id", "label", "colour", "description", "keywords"}
# Ids are stored comma-separated in the index: no commas, spaces or controls.
_THEME_ID = re.compile(r"[^\W_][\w.\-]*")
MAX_ID_CHARS = 64
MAX_LABEL_CHARS = 120
MAX_THEMES_BYTES = 16_000_000
"""A themes file larger than this is refused before parsing (10,000 themes are ~2 MB)."""


@dataclass(frozen=True)
class ReportTheme:
    """A named set of keywords. ("Theme" alone means a Textual colour theme.)"""

    id: str
    label: str
    colour: str
    description: str
    keywords_en: tuple[str, ...]
    keywords_zh: tuple[str, ...]


class ThemesError(Exception):
    """A themes file that cannot be used; the message names file, line and problem."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None):
        self.path, self.problem, self.line = Path(path), problem, line
        where = f"{path}, line {line}" if line else f"{path}"
        super().__init__(f"{where}: {problem}")


# --- where the file is --------------------------------------------------------


def default_themes_path() -> Path:
    """The shipped themes.yaml: inside the installed package, else the source checkout's."""
    try:
        packaged = resources.files("index") / "themes.yaml"
        if packaged.is_file():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - odd loaders
        pass
    return Path(__file__).resolve().parent.parent / "themes.yaml"


def resolve_themes_path(explicit: Path | None = None) -> Path:
    """`--themes FILE` if given, else the user's file if it exists, else the shipped one."""
    if explicit is not None:
        return Path(explicit)
    user = user_themes_path()
    return user if user.is_file() else default_themes_path()


# --- loading and validation ---------------------------------------------------


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node under `key` in a mapping node (None if absent)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        pairs: list[tuple[yaml.Node, yaml.Node]] = node.value  # a mapping node's (key, value) nodes
        for key_node, value_node in pairs:
            if getattr(key_node, "value", None) == key:
                return value_node
    return None


def _items(node: yaml.Node | None) -> list[yaml.Node | None]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def load_themes(path: Path) -> list[ReportTheme]:
    """Read and check a themes file. Raises ThemesError for any problem.

    A file checked before is read back from a JSON copy in the user's cache,
    found by its contents: importing PyYAML alone is ~30 ms of the app's start.
    """
    path = Path(path)
    try:
        text = read_regular(path, MAX_THEMES_BYTES).decode("utf-8-sig")
    except OSError as e:
        raise ThemesError(path, f"cannot read the themes file ({e.strerror or e})") from e
    except UnicodeDecodeError as e:
        raise ThemesError(path, f"cannot read the themes file (not UTF-8: {e.reason} at byte {e.start})") from e
    copy = _checked_copy_path(text)
    themes = _read_checked_copy(copy)
    if themes is None:
        themes = _check(path, text)
        try:
            atomic_write_text(copy, json.dumps([vars(t) for t in themes], ensure_ascii=False))
        except OSError:
            pass  # no cache to write to: check the file every time
    return themes


def _checked_copy_path(text: str) -> Path:
    key = hashlib.sha256(f"{CHECKS_VERSION}\n{text}".encode()).hexdigest()[:32]
    return themes_cache_dir() / f"{key}.json"


def _read_checked_copy(copy: Path) -> list[ReportTheme] | None:
    try:
        items: list[dict[str, Any]] = json.loads(copy.read_text(encoding="utf-8"))
        return [_theme_from_copy(item) for item in items]
    except (OSError, ValueError, TypeError, AttributeError):
        return None  # none yet, or damaged: check the file again


def _theme_from_copy(item: dict[str, Any]) -> ReportTheme:
    """A theme as `load_themes` wrote it to JSON, which turned its tuples into lists.

    The values are not checked here: a damaged copy fails in the caller (TypeError,
    AttributeError) and the themes file is checked again.
    """
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}
    return ReportTheme(**fields)


def _check(path: Path, text: str) -> list[ReportTheme]:
    import yaml

    from index import safeyaml

    try:
        root, data = _parse(text)
    except safeyaml.YamlRefused as e:
        raise ThemesError(path, e.problem, e.line) from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e)
        raise ThemesError(path, f"YAML syntax error: {problem}", mark.line + 1 if mark else None) from e

    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise ThemesError(path, "the top level must be a mapping with a 'themes' list", _line(root))
    if data.get("version", 1) != 1:
        raise ThemesError(path, f"unsupported version {data['version']!r} (expected 1)", _line(_child(root, "version")))
    nodes = _items(_child(root, "themes"))
    themes: list[ReportTheme] = []
    first_line: dict[str, int | None] = {}
    for i, item in enumerate(data["themes"]):
        node = nodes[i] if i < len(nodes) else None
        theme = _theme(path, item, node, i)
        if theme.id in first_line:
            raise ThemesError(path, f"duplicate theme id {theme.id!r} (first used at line {first_line[theme.id]})", _line(node))
        first_line[theme.id] = _line(node)
        themes.append(theme)
    return themes


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data, from one parse."""

    from index import safeyaml  # PyYAML: only to check a new or changed file

    root = safeyaml.compose(text)  # aliases refused: they could multiply the document
    return root, safeyaml.construct(root)


def _theme(path: Path, item: Any, node: yaml.Node | None, index: int) -> ReportTheme:
    def fail(problem: str, key: str | None = None) -> ThemesError:
        return ThemesError(path, problem, _line(_child(node, key)) if key and _child(node, key) else _line(node))

    if not isinstance(item, dict):
        raise fail(f"theme {index + 1} must be a mapping with id, label and keywords")
    unknown = sorted(set(map(str, item)) - _THEME_KEYS)
    if unknown:
        hint = " (did you mean 'colour'?)" if "color" in unknown else ""
        raise fail(f"unknown key {unknown[0]!r} in theme {index + 1}{hint}", unknown[0])
    fields = {}
    for key in ("id", "label"):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"theme {index + 1} needs a non-empty text '{key}'", key)
        fields[key] = value.strip()
    if len(fields["id"]) > MAX_ID_CHARS or not _THEME_ID.fullmatch(fields["id"]):
        raise fail(f"theme {index + 1}: id {fields['id']!r:.80} must be letters, digits, '.', '_' or '-' "
                   f"(no commas or spaces), at most {MAX_ID_CHARS} characters", "id")
    name = f"theme {fields['id']!r}"
    if len(fields["label"]) > MAX_LABEL_CHARS or not fields["label"].isprintable():
        raise fail(f"{name}: label must be one line of at most {MAX_LABEL_CHARS} printable characters", "label")

    description = item.get("description") or ""
    if not isinstance(description, str):
        raise fail(f"{name}: description must be text", "description")
    colour = item.get("colour")
    if colour is None:
        colour = DEFAULT_PALETTE[index % len(DEFAULT_PALETTE)]
    if not isinstance(colour, str):
        raise fail(f"{name}: colour {colour!r} must be text such as \"#rrggbb\" or \"green\"", "colour")
    try:
        Color.parse(colour)
    except ColorParseError:
        raise fail(f"{name}: colour {colour!r} is not a colour (use \"#rrggbb\" or a name such as \"green\")", "colour") from None

    keywords = item.get("keywords")
    if keywords is None:
        raise fail(f"{name} has no keywords")
    if not isinstance(keywords, dict) or not set(map(str, keywords)) <= {"en", "zh"}:
        raise fail(f"{name}: keywords must be a mapping with 'en' and/or 'zh' lists", "keywords")
    lists: dict[str, tuple[str, ...]] = {}
    for lang in ("en", "zh"):
        words = keywords.get(lang) or []
        where = _child(_child(node, "keywords"), lang)
        if not isinstance(words, list):
            raise ThemesError(path, f"{name}: keywords.{lang} must be a list", _line(where))
        for j, word in enumerate(words):
            word_line = _line(_items(where)[j]) if j < len(_items(where)) else _line(where)
            if not isinstance(word, str) or not word.strip():
                raise ThemesError(path, f"{name}: keywords.{lang} entry {word!r} must be non-empty text (quote numbers)",
                                  word_line)
            if not word.isprintable():
                raise ThemesError(path, f"{name}: keyword {word!r} holds control characters or line breaks", word_line)
            if not has_cjk(word) and not re.search(WORD_CHAR, fold(word)):
                raise ThemesError(path, f"{name}: keyword {word!r} has no words to match", word_line)
        lists[lang] = tuple(dict.fromkeys(w.strip() for w in words))
    if not lists["en"] and not lists["zh"]:
        raise fail(f"{name} has no keywords", "keywords")
    return ReportTheme(fields["id"], fields["label"], str(colour), description.strip(), lists["en"], lists["zh"])


def themes_fingerprint(themes: Sequence[ReportTheme]) -> str:
    """A stable hash of what decides tagging (ids, order, keywords, match rules).

    Labels, colours and descriptions are left out: changing them needs no re-tagging.
    """
    payload = [MATCH_RULES_VERSION] + [[t.id, sorted(t.keywords_en), sorted(t.keywords_zh)] for t in themes]
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


# --- matching -----------------------------------------------------------------


class ThemeMatcher:
    """Tags paragraphs with theme ids. Built once, then `match` runs per paragraph.

    Each theme's keywords become one regex of alternatives (several times
    faster than testing them one by one): exact keywords are searched in the
    paragraph's match text, English phrases in its space-joined terms.
    """

    def __init__(self, themes: Sequence[ReportTheme]):
        self._rules: list[tuple[str, re.Pattern[str] | None, list[str], re.Pattern[str] | None]] = []
        for theme in themes:
            exact: set[str] = set()
            en: set[str] = set()
            for word in theme.keywords_en + theme.keywords_zh:
                folded = fold(word)
                if is_exact(folded):
                    exact.add(match_text(" ".join(folded.split())))
                else:
                    en.add(" ".join(english_terms(word)))
            # The substrings first (one regex), the whole-word rule only where one occurs.
            self._rules.append((theme.id, _alternatives(exact, "{}"), sorted(exact), _alternatives(en, " (?:{}) ")))
        self._any_en = any(rule[3] for rule in self._rules)

    def match(self, text: str) -> list[str]:
        """Ids of the themes with a keyword in `text`, in the themes' order."""
        folded = fold(text)
        exact_text = match_text(folded)
        terms = ""
        if self._any_en and re.search(_LETTER, folded):
            terms = f" {' '.join(english_terms(text))} "
        found = []
        for theme_id, exact, needles, en in self._rules:
            if (exact and exact.search(exact_text) and any(find_exact(exact_text, n) != -1 for n in needles)) or (
                    terms and en and en.search(terms)):
                found.append(theme_id)
        return found


_LETTER = f"[^\\W\\d_{CJK_CLASS}]"
"""A paragraph needs English analysis only if an English keyword could occur
in it: English keywords (not exact) have letters, and no digits."""


def _alternatives(literals: set[str], frame: str) -> re.Pattern[str] | None:
    if not literals:
        return None
    body = "|".join(re.escape(w) for w in sorted(literals, key=lambda w: (-len(w), w)))
    return re.compile(frame.format(body))


def english_terms(text: str) -> list[str]:
    """index.analysis.english_terms, imported on first use: whoosh stays out of the app's start."""
    from index.analysis import english_terms as terms

    return terms(text)
