from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rich.color import Color

from index import themes as themes_mod
from index.themes import (
    ReportTheme,
    ThemeMatcher,
    ThemesError,
    default_themes_path,
    load_themes,
    resolve_themes_path,
    themes_fingerprint,
)

GOOD = """\
version: 1
themes:
  - id: carbon
    label: Carbon
    colour: "#2e8b57"
    description: Dual carbon.
    keywords:
      en: [carbon neutrality, emission]
      zh: [碳中和]
  - id: energy
    label: Energy
    keywords:
      en: [coal]
"""


def write(tmp_path: Path, text: str, name: str = "themes.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> ThemesError:
    with pytest.raises(ThemesError) as info:
        load_themes(write(tmp_path, text))
    return info.value


# --- the shipped file ---------------------------------------------------------


def test_shipped_themes_load_and_are_valid():
    path = default_themes_path()
    assert path.is_file()
    themes = load_themes(path)
    assert len(themes) >= 8
    ids = [t.id for t in themes]
    assert len(ids) == len(set(ids))
    for required in ("carbon-neutrality", "pollution-control", "ecology", "green-low-carbon",
                     "energy", "new-productive-forces", "digital-ai", "emerging-industries"):
        assert required in ids
    for theme in themes:
        assert theme.label and theme.description
        assert theme.keywords_en and theme.keywords_zh
        Color.parse(theme.colour)
    assert len({t.colour for t in themes}) == len(themes)


def test_shipped_themes_tag_typical_sentences():
    matcher = ThemeMatcher(load_themes(default_themes_path()))
    assert "carbon-neutrality" in matcher.match("扎实开展碳达峰碳中和工作。")
    assert "pollution-control" in matcher.match("持续深入打好蓝天、碧水、净土保卫战。")
    assert "new-productive-forces" in matcher.match("因地制宜发展新质生产力。")
    assert "digital-ai" in matcher.match("持续推进“人工智能＋”行动。")
    assert "emerging-industries" in matcher.match("We will promote the development of the low-altitude economy.")
    assert matcher.match("同志们！") == []


# --- loading: good file and defaults ------------------------------------------


def test_load_good_file_with_defaults(tmp_path):
    themes = load_themes(write(tmp_path, GOOD))
    assert [t.id for t in themes] == ["carbon", "energy"]
    carbon, energy = themes
    assert carbon == ReportTheme("carbon", "Carbon", "#2e8b57", "Dual carbon.",
                                 ("carbon neutrality", "emission"), ("碳中和",))
    assert energy.description == ""
    assert energy.keywords_zh == ()
    Color.parse(energy.colour)  # a palette colour


def test_a_file_checked_once_is_read_back_from_the_cache(tmp_path, monkeypatch):
    path = write(tmp_path, GOOD)
    first = load_themes(path)
    monkeypatch.setattr(themes_mod, "_check", lambda *_: pytest.fail("checked again"))
    assert load_themes(path) == first


def test_a_changed_file_is_checked_again(tmp_path):
    path = write(tmp_path, GOOD)
    load_themes(path)
    path.write_text(GOOD.replace("label: Energy", "label: ''"), encoding="utf-8")
    with pytest.raises(ThemesError, match="non-empty text 'label'"):
        load_themes(path)


def test_a_damaged_cache_copy_is_ignored(tmp_path):
    path = write(tmp_path, GOOD)
    first = load_themes(path)
    for copy in (tmp_path / "xdg_cache_home").rglob("*.json"):
        copy.write_text('[{"id": "x"', encoding="utf-8")
    assert load_themes(path) == first


def test_the_app_start_does_not_import_yaml_once_themes_are_checked(tmp_path):
    path = write(tmp_path, GOOD)
    load_themes(path)
    code = f"import sys; from index.themes import load_themes; load_themes({str(path)!r}); print('yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"


# --- loading: errors name the file and the line --------------------------------


def test_unreadable_file(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ThemesError) as info:
        load_themes(missing)
    assert "nope.yaml" in str(info.value) and "cannot read" in str(info.value)


def test_yaml_syntax_error_has_line(tmp_path):
    err = error_for(tmp_path, """\
        version: 1
        themes:
          - id: a
            label: [unclosed
        """)
    assert "YAML syntax error" in str(err)
    assert err.line is not None and "line" in str(err)
    assert "themes.yaml" in str(err)


@pytest.mark.parametrize("text", ["", "- just\n- a list\n", "themes: 3\n", "other: []\n"])
def test_top_level_must_be_mapping_with_themes_list(tmp_path, text):
    err = error_for(tmp_path, text)
    assert "'themes' list" in str(err)


def test_theme_not_a_mapping(tmp_path):
    err = error_for(tmp_path, """\
        themes:
          - id: a
            label: A
            keywords: {en: [coal]}
          - just a string
        """)
    assert err.line == 5
    assert "theme 2 must be a mapping" in str(err)
    assert str(err).startswith(str(tmp_path / "themes.yaml") + ", line 5:")


@pytest.mark.parametrize("missing", ["id", "label"])
def test_missing_id_or_label(tmp_path, missing):
    fields = {"id": "a", "label": "A"}
    del fields[missing]
    body = "".join(f"    {k}: {v}\n" for k, v in fields.items())
    err = error_for(tmp_path, f"themes:\n  - keywords: {{en: [coal]}}\n{body}")
    assert err.line == 2
    assert f"'{missing}'" in str(err)


def test_empty_id(tmp_path):
    err = error_for(tmp_path, """\
        themes:
          - label: A
            id: "  "
            keywords: {en: [coal]}
        """)
    assert err.line == 3 and "'id'" in str(err)


def test_duplicate_id_reports_second(tmp_path):
    err = error_for(tmp_path, """\
        themes:
          - id: a
            label: A
            keywords: {en: [coal]}
          - id: b
            label: B
            keywords: {en: [oil]}
          - id: a
            label: A again
            keywords: {en: [gas]}
        """)
    assert err.line == 8
    assert "duplicate theme id 'a'" in str(err) and "line 2" in str(err)


@pytest.mark.parametrize("keywords, line, words", [
    ("[coal]", 4, "must be a mapping"),
    ("{fr: [charbon]}", 4, "must be a mapping"),
    ("{en: coal}", 4, "keywords.en must be a list"),
    ("\n      en: [coal]\n      zh: [煤炭, '']", 6, "non-empty text"),
    ("\n      en: [coal, 2060]", 5, "non-empty text"),
    ("\n      en: [coal, '---']", 5, "no words"),
])
def test_bad_keywords(tmp_path, keywords, line, words):
    err = error_for(tmp_path, f"themes:\n  - id: a\n    label: A\n    keywords: {keywords}\n")
    assert err.line == line, str(err)
    assert words in str(err)


@pytest.mark.parametrize("keywords", [None, "{}", "{en: [], zh: []}"])
def test_no_keywords(tmp_path, keywords):
    line = f"    keywords: {keywords}\n" if keywords else ""
    err = error_for(tmp_path, f"themes:\n  - id: a\n    label: A\n{line}")
    assert "has no keywords" in str(err) and err.line in (2, 4)


def test_bad_colour(tmp_path):
    err = error_for(tmp_path, """\
        themes:
          - id: a
            label: A
            colour: "#12345"
            keywords: {en: [coal]}
        """)
    assert err.line == 4 and "not a colour" in str(err)


def test_colour_names_and_american_spelling(tmp_path):
    ok = load_themes(write(tmp_path, "themes:\n  - {id: a, label: A, colour: steel_blue, keywords: {en: [coal]}}\n"))
    assert ok[0].colour == "steel_blue"
    err = error_for(tmp_path, "themes:\n  - id: a\n    label: A\n    color: red\n    keywords: {en: [coal]}\n")
    assert err.line == 4 and "did you mean 'colour'" in str(err)


def test_unsupported_version(tmp_path):
    err = error_for(tmp_path, "version: 2\nthemes: []\n")
    assert err.line == 1 and "version" in str(err)


# --- matching -------------------------------------------------------------------


@pytest.fixture
def matcher(tmp_path):
    return ThemeMatcher(load_themes(write(tmp_path, GOOD)))


def test_chinese_substring_match(matcher):
    assert matcher.match("扎实开展碳达峰碳中和工作") == ["carbon"]
    assert matcher.match("碳达峰工作") == []


def test_english_stemmed_phrase_match(matcher):
    assert matcher.match("Emissions of major pollutants fell.") == ["carbon"]
    assert matcher.match("We will work toward CARBON NEUTRALITY.") == ["carbon"]
    assert matcher.match("neutrality of carbon") == []  # words must be contiguous
    assert matcher.match("Coal output rose; emissions fell.") == ["carbon", "energy"]  # themes order
    assert matcher.match("We will keep employment stable.") == []


def test_full_width_and_mixed_text(matcher):
    assert matcher.match("ＣＯＡＬ") == ["energy"]
    assert matcher.match("煤炭（coal）产量") == ["energy"]


def test_carbon_peak_stems_like_search():
    theme = ReportTheme("c", "C", "red", "", ("carbon peak",), ())
    assert ThemeMatcher([theme]).match("carbon peaking and neutrality") == ["c"]


# --- where the file comes from ----------------------------------------------------


def test_resolve_order(tmp_path, monkeypatch):
    user = tmp_path / "config" / "themes.yaml"
    monkeypatch.setattr(themes_mod, "user_themes_path", lambda: user)
    assert resolve_themes_path() == default_themes_path()
    user.parent.mkdir()
    user.write_text(GOOD, encoding="utf-8")
    assert resolve_themes_path() == user
    explicit = tmp_path / "mine.yaml"
    assert resolve_themes_path(explicit) == explicit
    # the user's file replaces the default: nothing merged
    assert [t.id for t in load_themes(resolve_themes_path())] == ["carbon", "energy"]


def test_user_path_is_in_config_dir():
    assert themes_mod.user_themes_path().name == "themes.yaml"
    assert "reportx" in themes_mod.user_themes_path().parts


# --- fingerprint ------------------------------------------------------------------


def test_fingerprint_follows_keywords_not_labels(tmp_path):
    base = load_themes(write(tmp_path, GOOD))
    fp = themes_fingerprint(base)
    assert fp == themes_fingerprint(load_themes(write(tmp_path, GOOD)))
    relabelled = load_themes(write(tmp_path, GOOD.replace("label: Carbon", "label: Klimat")
                                   .replace("#2e8b57", "red")))
    assert themes_fingerprint(relabelled) == fp
    rekeyed = load_themes(write(tmp_path, GOOD.replace("[coal]", "[coal, oil]")))
    assert themes_fingerprint(rekeyed) != fp
    renamed = load_themes(write(tmp_path, GOOD.replace("id: energy", "id: power")))
    assert themes_fingerprint(renamed) != fp


def test_keywords_with_digits_and_symbols_match_as_written():
    theme = ReportTheme("t", "T", "red", "", ("5G", "R&D", "PM2.5"), ("人工智能+",))
    matcher = ThemeMatcher([theme])
    for text in ("建成5G基站。", "R&D spending rose.", "ＰＭ２．５浓度下降", "开展人工智能＋行动", "5G networks"):
        assert matcher.match(text) == ["t"], text
    for text in ("15G不存在。", "R and D", "PM2.56", "人工智能发展", "5 G"):
        assert matcher.match(text) == [], text


def test_keywords_fold_scripts_and_ignore_spaces_in_chinese():
    matcher = ThemeMatcher([ReportTheme("t", "T", "red", "", (), ("碳达峰",))])
    assert matcher.match("推進碳達峰行動") == ["t"]
    assert matcher.match("碳 达　峰") == ["t"]
