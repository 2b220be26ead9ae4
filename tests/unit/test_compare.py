"""Comparing two reports: sentences, inline differences, section and sentence alignment.

Small examples written here, the 2024/2025 national reports of the corpus (Chinese and
English), and generated variations of corpus reports (sections swapped and renumbered, a
figure changed, a sentence dropped) whose every change is known in advance.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.compare import compare_reports
from index.compare.inline import inline_diff
from index.compare.model import Sentence
from index.compare.section_align import title_key
from index.compare.sentence_align import align_sentences
from index.compare.sentences import split_sentences
from index.reader import read_report

ZH24 = "national-zh/2024年中华人民共和国国务院政府工作报告.txt"
ZH25 = "national-zh/2025年中华人民共和国国务院政府工作报告.txt"
EN24 = "national-en/report_2024_en.txt"
EN25 = "national-en/report_2025_en.txt"


def _sentences(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


def test_chinese_clauses_end_on_full_stops_semicolons_and_marks():
    text = "国内生产总值增长5%左右；城镇新增就业1200万人以上。要“稳中求进”！能做到吗？尾句"
    assert _sentences(text, "zh") == ["国内生产总值增长5%左右；", "城镇新增就业1200万人以上。", "要“稳中求进”！",
                                      "能做到吗？", "尾句"]


def test_english_sentences_keep_abbreviations_decimals_and_quotes():
    text = ('GDP grew 5.2 percent, as the U.S. economy slowed. We said "keep going." '
            "No. 1 Document came out; e.g. Mr. Li spoke. 2025 will be harder.")
    assert _sentences(text, "en") == [
        "GDP grew 5.2 percent, as the U.S. economy slowed.", 'We said "keep going."',
        "No. 1 Document came out; e.g. Mr. Li spoke.", "2025 will be harder."]


def test_a_changed_figure_is_one_change_and_stands_out():
    old, new, numbers = inline_diff("居民消费价格涨幅2.5%左右。", "居民消费价格涨幅3%左右。", "zh")
    assert numbers == [("2.5%", "3%")]
    assert [(p.op, p.text, p.number) for p in old if p.op != "equal"] == [("delete", "2.5%", True)]
    assert [(p.op, p.text, p.number) for p in new if p.op != "equal"] == [("insert", "3%", True)]
    assert "".join(p.text for p in old) == "居民消费价格涨幅2.5%左右。"
    assert "".join(p.text for p in new) == "居民消费价格涨幅3%左右。"


def test_english_diff_is_by_word_and_years_moving_on_are_not_figures():
    _, new, numbers = inline_diff("In 2024 we target growth of around 5 percent.",
                                  "In 2025 we target growth of about 4.5 percent.", "en", year_shift=1)
    assert numbers == [("5", "4.5")]
    assert ("insert", "about 4.5", True) in [(p.op, p.text, p.number) for p in new]  # one phrase, not fragments
    _, _, numbers = inline_diff("In 2024 we did it.", "In 2026 we did it.", "en", year_shift=1)
    assert numbers == [("2024", "2026")]
    _, _, numbers = inline_diff("In 2024 we did it.", "Then we did it.", "en", year_shift=1)
    assert numbers == []  # a year dropped from a sentence is a date gone, not a changed figure


def test_fragments_of_a_rewritten_phrase_read_as_one_change():
    old, new, _ = inline_diff("（二）着力扩大国内需求。", "（一）大力提振消费，全方位扩大国内需求。", "zh")
    assert [p.text for p in old if p.op == "delete"] == ["二）着力"]
    assert [p.text for p in new if p.op == "insert"] == ["一）大力提振消费，全方位"]


def _s(texts: list[str]) -> list[Sentence]:
    return [Sentence(t, k, k * 100) for k, t in enumerate(texts)]


def test_sentence_alignment_pairs_rewordings_and_finds_moves():
    old = _s(["甲乙丙丁戊己庚辛。", "今年发展目标是增长5%左右。", "这句话被删掉了没有了。", "这句话挪到后面去。", "最后一句。"])
    new = _s(["甲乙丙丁戊己庚辛。", "今年发展目标是增长4.5%左右。", "最后一句。", "全新的一句话加进来。", "这句话挪到后面去。"])
    rows = align_sentences(old, new, "zh")
    kinds = [(r.kind, r.old.text if r.old else None, r.new.text if r.new else None) for r in rows]
    assert ("same", "甲乙丙丁戊己庚辛。", "甲乙丙丁戊己庚辛。") in kinds
    assert ("changed", "今年发展目标是增长5%左右。", "今年发展目标是增长4.5%左右。") in kinds
    assert ("removed", "这句话被删掉了没有了。", None) in kinds
    assert ("added", None, "全新的一句话加进来。") in kinds
    # One of the two sentences that swapped places is the one that moved (either is right).
    assert [k for k, _, _ in kinds].count("moved") == 1 and [k for k, _, _ in kinds].count("same") == 2
    assert len(rows) == 6


def test_title_keys_ignore_numbering_years_and_width():
    assert title_key("一、2023年工作回顾") == title_key("一、2024年工作回顾") == "#年工作回顾"
    assert title_key("（三）着力扩大国内需求") == title_key("3. 着力扩大国内需求") == "着力扩大国内需求"
    assert title_key("III．Major Tasks for 2025") == title_key("III. Major Tasks for 2024") == "major tasks for #"


# -- the real reports -----------------------------------------------------------


def _pairs(comparison) -> dict[str, str]:
    return {" › ".join(d.old_path): " › ".join(d.new_path) for d in comparison.sections
            if d.status in ("matched", "moved")}


def test_national_2024_2025_chinese_sections_align(corpus: Path):
    c = compare_reports(read_report(corpus / ZH24), read_report(corpus / ZH25))
    pairs = _pairs(c)
    assert pairs["前言"] == "前言"
    assert pairs["一、2023年工作回顾"] == "一、2024年工作回顾"
    assert pairs["二、2024年经济社会发展总体要求和政策取向"] == "二、2025年经济社会发展总体要求和政策取向"
    task = "三、2024年政府工作任务 › "
    new_task = "三、2025年政府工作任务 › "
    # Domestic demand moved from (三) to (一) in 2025, under a new title: found by content, marked moved.
    assert pairs[task + "（三）着力扩大国内需求，推动经济实现良性循环"] == \
        new_task + "（一）大力提振消费、提高投资效益，全方位扩大国内需求"
    moved = [d for d in c.sections if d.status == "moved"]
    assert [d.old_path[-1] for d in moved] == ["（三）着力扩大国内需求，推动经济实现良性循环"]
    assert pairs[task + "（九）加强生态文明建设，推进绿色低碳发展"] == \
        new_task + "（九）协同推进降碳减污扩绿增长，加快经济社会发展全面绿色转型"
    assert pairs[task + "（七）坚持不懈抓好“三农”工作，扎实推进乡村全面振兴"] == \
        new_task + "（七）着力抓好“三农”工作，深入推进乡村全面振兴"
    assert len(pairs) == 14 and not [d for d in c.sections if d.status in ("added", "removed")]


def test_national_2024_2025_english_sections_align(corpus: Path):
    c = compare_reports(read_report(corpus / EN24), read_report(corpus / EN25))
    pairs = _pairs(c)
    assert pairs["I. A Review of Our Work in 2023"] == "I. A Review of Our Work in 2024"
    assert pairs["III. Major Tasks for 2024"] == "III. Major Tasks for 2025"
    assert any(k.startswith("II. Overall Requirements") and v.startswith("II. Overall Requirements")
               for k, v in pairs.items())
    # 2024's numbered review points have no counterpart in 2025: listed as removed, their
    # sentences compared within the review section.
    within = [d for d in c.sections if d.status == "removed" and d.within]
    assert within and all(d.within == ("I. A Review of Our Work in 2024",) for d in within)


def test_changed_targets_are_found(corpus: Path):
    zh = compare_reports(read_report(corpus / ZH24), read_report(corpus / ZH25))
    cpi = [r for _, r in zh.rows() if r.kind == "changed" and r.new and "居民消费价格涨幅" in r.new.text]
    assert cpi and ("3%", "2%") in cpi[0].numbers
    deficit = [r for _, r in zh.rows() if r.kind == "changed" and r.new and "赤字率" in r.new.text]
    assert deficit and deficit[0].numbers[0] == ("3%", "4%")
    en = compare_reports(read_report(corpus / EN24), read_report(corpus / EN25))
    deficit_en = [r for _, r in en.rows() if r.kind == "changed" and r.new and "deficit-to-GDP ratio" in r.new.text]
    assert deficit_en and deficit_en[0].numbers[0] == ("3", "4")


def test_section_filter_keeps_only_sections_like_the_title(corpus: Path):
    c = compare_reports(read_report(corpus / ZH24), read_report(corpus / ZH25), section="生态文明")
    assert [d.old_path[-1] for d in c.sections] == ["（九）加强生态文明建设，推进绿色低碳发展"]


# -- generated variations -----------------------------------------------------------

CN = "一二三四五六七八九十"


def _variation(text: str) -> tuple[str, dict[str, object]]:
    """Swap the first two numbered subsections of the longest section (keeping the numbering
    in order), change the first percentage figure after them, drop one sentence after that."""
    heads = list(re.finditer(r"^（([一二三四五六七八九十]+)）", text, re.M))
    firsts = [m for m in heads if m.group(1) == "一"]
    first = firsts[-1]
    one, two, three = [m for m in heads if m.start() >= first.start()][:3]
    block_one, block_two = text[one.start():two.start()], text[two.start():three.start()]
    swapped = "（一）" + block_two[len("（二）"):] + "（二）" + block_one[len("（一）"):]
    varied = text[:one.start()] + swapped + text[three.start():]
    rest = three.start()
    figures = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(%|万亿|万|亿)")
    figure = figures.search(varied, rest) or figures.search(varied, 0, one.start())
    assert figure, "no figure outside the swapped sections"
    new_figure = f"{float(figure.group(1)) + 1.5:g}{figure.group(2)}"
    varied = varied[:figure.start()] + new_figure + varied[figure.end():]
    sentence = re.compile(r"(?<=[。\n])(?!（)[^。\n；？！]{12,60}。").search(varied, figure.end() + 200)
    assert sentence
    varied = varied[:sentence.start()] + varied[sentence.end():]
    return varied, {"figure": (figure.group(0), new_figure), "dropped": sentence.group(0)}


@pytest.mark.parametrize("year", [2019, 2021, 2023, 2025])
def test_generated_variation_every_change_found(corpus: Path, tmp_path: Path, year: int):
    original = corpus / f"national-zh/{year}年中华人民共和国国务院政府工作报告.txt"
    text = original.read_text(encoding="utf-8")
    varied, truth = _variation(text)
    copy = tmp_path / f"{year}年中华人民共和国国务院政府工作报告-修改.txt"
    copy.write_text(varied, encoding="utf-8")
    c = compare_reports(read_report(original), read_report(copy))
    assert not [d for d in c.sections if d.status in ("added", "removed")]
    moved = [d for d in c.sections if d.status == "moved"]
    # Two sections swapped places: one of them moved, kept its title and lost its number.
    assert len(moved) == 1 and title_key(moved[0].old_path[-1]) == title_key(moved[0].new_path[-1])
    assert {moved[0].old_path[-1][:3], moved[0].new_path[-1][:3]} == {"（一）", "（二）"}
    changed = [r for _, r in c.rows() if r.kind == "changed"]
    assert [r.numbers for r in changed] == [[truth["figure"]]]
    removed = [r for _, r in c.rows() if r.kind == "removed"]
    assert [r.old.text for r in removed if r.old] == [truth["dropped"]]
    assert not [r for _, r in c.rows() if r.kind in ("added", "moved")]


def test_a_report_against_itself_has_no_changes(corpus: Path):
    report = read_report(corpus / EN25)
    c = compare_reports(report, report)
    assert c.counts()["same"] > 300
    assert all(d.status == "matched" for d in c.sections) and not any(r.is_change for _, r in c.rows())
