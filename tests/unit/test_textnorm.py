"""index/textnorm.py: what a Chinese character is, folding, the match text, the exact rule."""

import pytest

from index.textnorm import find_exact, fold, has_cjk, is_cjk, is_exact, match_text, match_text_map
from index.tradsimp import SIMPLIFIED, TRADITIONAL


@pytest.mark.parametrize("char", ["中", "㐀", "\U00020000", "\U0002a700", "\U0002b740", "\U0002b820",
                                  "\U0002ceb0", "\U00030000", "\uf900", "\U0002f800"])
def test_every_block_of_chinese_characters_counts(char):
    assert is_cjk(char) and has_cjk(f"a{char}b")


@pytest.mark.parametrize("char", ["a", "1", "，", "。", "ー", "가", "\u3000"])
def test_other_characters_do_not(char):
    assert not is_cjk(char)


def test_fold_keeps_the_length_and_folds_once_for_all():
    text = "聯合國ＰＭ２．５Ａ５％" + TRADITIONAL[:200]
    assert len(fold(text)) == len(text)
    assert fold(text).startswith("联合国pm2.5a5%")
    assert fold(fold(text)) == fold(text)
    assert fold(TRADITIONAL) == fold(SIMPLIFIED)
    assert fold("聯合國", scripts=False) == "聯合國"


def test_match_text_drops_spaces_next_to_chinese_only():
    assert match_text(fold("龚 正 和李　强，2024 年 GDP  grew\n by 5 %")) == "龚正和李强,2024年gdp grew by 5 %"


def test_match_text_map_leads_back_to_the_text_as_written():
    folded = fold("龚 正说 2024 年  PM2.5")
    text, where = match_text_map(folded)
    assert text == match_text(folded)
    at = text.index("2024年")
    assert folded[where[at] : where[at + len("2024年") - 1] + 1] == "2024 年"
    assert len(where) == len(text) + 1


@pytest.mark.parametrize(("needle", "text", "matches"), [
    ("5%左右", "增长5%左右", True), ("5%左右", "增长15%左右", False), ("5%左右", "增长4.5%左右", False),
    ("2", "第2卷", True), ("2", "2.5倍", False), ("pm2.5", "pm2.56", False), ("pm2.5", "pm2.5浓度", True),
    ("5g", "5g基站", True), ("5g", "15g", False), ("%左右", "15%左右", True), ("人工智能+", "人工智能+行动", True),
    ("u.s.", "the u.s. economy", True), ("2.", "2.5", True),  # ends with a dot: no rule at that end
])
def test_exact_rule(needle, text, matches):
    assert (find_exact(text, needle) != -1) is matches


def test_what_is_matched_as_written():
    assert all(is_exact(fold(q)) for q in ["碳中和", "5%", "PM2.5", "人工智能+", "R&D", "low-carbon", "２"])
    assert not any(is_exact(fold(q)) for q in ["emission", "GDP", "carbon,"])
