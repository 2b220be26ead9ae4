"""Section trees: one small fixture per heading convention, then the real corpus."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from index.sections import outline_lines, parse_sections


def corpus_dir() -> Path:
    env = os.environ.get("REPORTX_CORPUS")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "corpus"


def need_corpus() -> Path:
    corpus = corpus_dir()
    if not corpus.is_dir():
        pytest.skip(f"{corpus} not found (…/shared/corpus not found; set REPORTX_CORPUS)")
    return corpus


def read_report(path: Path) -> str:
    data = path.read_bytes()
    text = data.decode("gb18030") if "hailar" in path.parts[-2] else data.decode("utf-8-sig")
    return text.replace("\r\n", "\n")


def lang_of(path: Path) -> str:
    return "en" if "_en" in path.name or path.parent.name == "seeds" else "zh"


def paragraphs(sections):
    return [p for top in sections for s in top.walk() for p in s.paragraphs]


def tops(sections):
    return [s.title for s in sections]


def tree(sections):
    """Nested (title, [children]) without paragraph counts, for exact checks."""
    return [(s.title, tree(s.children)) for s in sections]


def pieces(p):
    """(piece of the paragraph text, its offset in the file) for each joined piece."""
    cuts = [(0, p.start), *p.joins]
    ends = [t for t, _ in p.joins] + [len(p.text)]
    return [(p.text[t:end].rstrip(" "), f) for (t, f), end in zip(cuts, ends)]


def check_invariants(text: str, sections) -> None:
    paras = paragraphs(sections)
    assert [p.number for p in paras] == list(range(len(paras)))
    for p in paras:
        for piece, at in pieces(p):
            assert text[at:at + len(piece)] == piece
        assert p.text == p.text.strip() and p.text
        assert p.section_path
    starts = [p.start for p in paras]
    assert starts == sorted(starts)


# -- Chinese ------------------------------------------------------------------

ZH_MODERN = """政府工作报告

国务院总理李　强

各位代表：

现在，我代表国务院，向大会报告政府工作，请予审议。

一、2023年工作回顾

过去一年，我们坚持稳中求进。

——经济总体回升向好。

二、2024年政府工作任务

（一）大力提振消费、提高投资效益，全方位扩大国内需求。正文第一句。正文第二句。

1．促进消费稳定增长

消费是主引擎。

（1）培育新型消费

（2）扩大服务消费

2．积极扩大有效投资

（二）坚定不移深化改革，增强发展内生动力。改革正文。
"""


def test_zh_levels_runin_and_dash_points():
    sections = parse_sections(ZH_MODERN, "zh")
    check_invariants(ZH_MODERN, sections)
    assert tree(sections) == [
        ("前言", []),
        ("一、2023年工作回顾", []),
        ("二、2024年政府工作任务", [
            ("（一）大力提振消费、提高投资效益，全方位扩大国内需求", [
                ("1．促进消费稳定增长", [("（1）培育新型消费", []), ("（2）扩大服务消费", [])]),
                ("2．积极扩大有效投资", []),
            ]),
            ("（二）坚定不移深化改革，增强发展内生动力", []),
        ]),
    ]
    # the title block stays in the preamble; dash points are paragraphs
    assert [p.text for p in sections[0].paragraphs][:2] == ["政府工作报告", "国务院总理李　强"]
    review = sections[1]
    assert review.paragraphs[1].text == "——经济总体回升向好。"
    # a run-in heading keeps its whole line as the section's first paragraph
    first = sections[2].children[0].paragraphs[0]
    assert first.text.startswith("（一）大力提振消费") and first.text.endswith("正文第二句。")
    assert first.section_path == ("二、2024年政府工作任务", "（一）大力提振消费、提高投资效益，全方位扩大国内需求")
    assert sections[0].paragraphs[0].section_path == ("前言",)


def test_zh_full_width_digits_and_half_width_parens():
    text = "各位代表：\n\n一、１９９４年国内工作的回顾\n\n正文。\n\n(一)农业\n\n正文。\n\n(二)工业\n\n二、今后的任务\n\n正文。\n"
    sections = parse_sections(text, "zh")
    check_invariants(text, sections)
    assert tree(sections) == [
        ("前言", []),
        ("一、１９９４年国内工作的回顾", [("(一)农业", []), ("(二)工业", [])]),
        ("二、今后的任务", []),
    ]


def test_zh_paren_numbering_is_top_level_when_it_comes_first_1981():
    text = """各位代表：

我代表国务院作报告。

（一）当前的经济形势

形势很好。

（二）今后经济建设的方针

方针如下。

一、依靠政策和科学，加快农业的发展

正文。

二、把消费品工业的发展放到重要地位

要做到：

一、节约能源，节约原材料，降低消耗；

二、改革产品结构，使产品升级换代；

三、合理地利用资源，提高综合利用水平。

三、提高能源的利用效率

正文。

（三）我国经济发展的前景

前景光明。
"""
    sections = parse_sections(text, "zh")
    check_invariants(text, sections)
    assert tree(sections) == [
        ("前言", []),
        ("（一）当前的经济形势", []),
        ("（二）今后经济建设的方针", [
            ("一、依靠政策和科学，加快农业的发展", []),
            ("二、把消费品工业的发展放到重要地位", []),
            ("三、提高能源的利用效率", []),
        ]),
        ("（三）我国经济发展的前景", []),
    ]
    items = sections[2].children[1].paragraphs
    assert [p.text[:2] for p in items] == ["要做", "一、", "二、", "三、"]


def test_zh_bare_numerals_1960():
    text = "各位代表：\n\n我作报告。\n\n一\n\n第一部分正文。\n\n二\n\n第二部分正文。\n\n三\n\n第三部分正文。\n"
    sections = parse_sections(text, "zh")
    check_invariants(text, sections)
    assert tops(sections) == ["前言", "一", "二", "三"]
    assert sections[2].paragraphs[0].text == "第二部分正文。"


def test_zh_no_headings_keeps_everything_1954():
    text = "各位代表：\n\n第一段。\n\n第二段，很长的正文。\n第三行紧接着。\n\n\n结尾。\n"
    sections = parse_sections(text, "zh")
    check_invariants(text, sections)
    assert tops(sections) == ["前言"]
    assert [p.text for p in sections[0].paragraphs] == [
        "各位代表：", "第一段。", "第二段，很长的正文。", "第三行紧接着。", "结尾。"]


def test_zh_numbered_list_items_are_not_sections_1988():
    long_item = "三、" + "建设和改革都要以提高经济效益为中心，" * 5 + "不断推进科技进步。"
    text = f"""各位代表！

我代表国务院作报告。

过去五年国内工作的基本总结

当前的突出问题是物价上涨，为此要做好：

一、继续坚持有计划有步骤地改革不合理的价格体系；

二、适当控制物价上涨幅度；

{long_item}

回顾过去五年，我们获得以下认识：

一、牢固树立建设要依靠改革的指导思想

正文。

二、无论建设还是改革，都必须从实际出发

正文。

今后五年建设和改革的目标、方针和任务

正文。

一、大力发展农业生产

正文。

结束语

各位代表！
"""
    sections = parse_sections(text, "zh")
    check_invariants(text, sections)
    assert tree(sections) == [
        ("前言", []),
        ("过去五年国内工作的基本总结", [
            ("一、牢固树立建设要依靠改革的指导思想", []),
            ("二、无论建设还是改革，都必须从实际出发", []),
        ]),
        ("今后五年建设和改革的目标、方针和任务", [("一、大力发展农业生产", [])]),
        ("结束语", []),
    ]
    assert any(p.text == long_item for p in sections[1].paragraphs)


def test_zh_numbering_restarts_inside_new_parent_and_annex():
    text = """各位代表：

我作报告。

一、2024年工作回顾

（一）经济运行稳进提质。正文。

（二）产业强省加快推进。正文。

二、2025年重点任务

（一）统筹消费和投资。正文。

（二）坚持发展特色优势产业。正文。

附件

一、稳定和扩大就业

年度目标。

二、深化关爱服务

年度目标。
"""
    sections = parse_sections(text, "zh")
    check_invariants(text, sections)
    titles = tops(sections)
    assert titles[:3] == ["前言", "一、2024年工作回顾", "二、2025年重点任务"]
    assert [c.title for c in sections[2].children][:2] == [
        "（一）统筹消费和投资", "（二）坚持发展特色优势产业"]
    # the annex heading ends the numbered parts; its own 一、二、 nest under it
    assert titles[-1] == "附件"
    assert [c.title for c in sections[-1].children] == ["一、稳定和扩大就业", "二、深化关爱服务"]
    # without the annex heading the restart opens a new top-level series
    bare = parse_sections(text.replace("附件\n\n", ""), "zh")
    assert tops(bare)[-2:] == ["一、稳定和扩大就业", "二、深化关爱服务"]
    assert [c.title for c in bare[2].children][-1] == "（二）坚持发展特色优势产业"


def test_zh_same_style_reused_one_level_down_1986():
    text = """各位代表：

我作报告。

一、回顾

正文。

二、基本任务和方针

主要方针是：

一、确定适度的经济增长率

正文。

二、规定恰当的投资规模

正文。

三、坚持把科技进步放在重要地位

正文。

三、经济体制改革

正文。
"""
    sections = parse_sections(text, "zh")
    assert tree(sections) == [
        ("前言", []),
        ("一、回顾", []),
        ("二、基本任务和方针", [
            ("一、确定适度的经济增长率", []),
            ("二、规定恰当的投资规模", []),
            ("三、坚持把科技进步放在重要地位", []),
        ]),
        ("三、经济体制改革", []),
    ]


# -- English --------------------------------------------------------------------

EN_FORMAL = """REPORT ON THE WORK OF THE GOVERNMENT
Li Qiang, Premier of the State Council
Esteemed Deputies,
On behalf of the State Council, I will now report to you on the work of the government.
I express my thanks to all of you.
I. A Review of Our Work in 2024
The past year was a challenging one.
1. We strengthened macro regulation. In light of grave challenges, we acted.
2.We promoted industrial upgrading
Industry grew.
II.\tOverall Requirements for 2025
We must stay the course.
III．Major Tasks for 2025
1. Boosting consumption
Consumption matters.
11.68 million new urban jobs were created.
2. Investing effectively
Investment matters.
"""


def test_en_roman_and_numbered_headings():
    sections = parse_sections(EN_FORMAL, "en")
    check_invariants(EN_FORMAL, sections)
    assert tree(sections) == [
        ("Preamble", []),
        ("I. A Review of Our Work in 2024", [
            ("1. We strengthened macro regulation", []),
            ("2.We promoted industrial upgrading", []),
        ]),
        ("II. Overall Requirements for 2025", []),
        ("III．Major Tasks for 2025", [("1. Boosting consumption", []), ("2. Investing effectively", [])]),
    ]
    preamble = [p.text for p in sections[0].paragraphs]
    assert "I express my thanks to all of you." in preamble
    assert preamble[0] == "REPORT ON THE WORK OF THE GOVERNMENT"  # title block, not a section
    runin = sections[1].children[0].paragraphs[0]
    assert runin.text.startswith("1. We strengthened") and runin.text.endswith("we acted.")
    assert any(p.text.startswith("11.68 million") for p in sections[3].children[0].paragraphs)


def test_en_sentence_per_line_without_roman_does_not_explode():
    lines = ["Report on the Work of the Government", "Esteemed Deputies,"]
    lines += [f"Sentence number {i} is here." for i in range(40)]
    lines += ["Growth in investment is sluggish,", "-- hold high the great banner", "1. Improve macro policies.",
              "We will act.", "2. Strengthen reform.", "We will reform."]
    text = "\n".join(lines) + "\n"
    sections = parse_sections(text, "en")
    check_invariants(text, sections)
    assert tops(sections) == ["Preamble", "1. Improve macro policies", "2. Strengthen reform"]


SEEDISH = (
    "Here's the part of the report about the environment...\n\n\n"
    "Published Time:\n\n2024-03-18\n\nSource:\n\nAuthor:\n\n"
    "Li Qiang stated that we must strengthen ecological civilization.\n\u00a0\n\n"
    "Review of 2023 Work\n\n"
    "1 Steady Improvement in Environmental Quality\n\nThe campaign was carried out in depth.\n\n"
    "2 Strengthening Protection and Governance\n\nDeeply advancing a beautiful China.\n\n\u00a0\n\n"
    "Overall Requirements and Policy Orientation for 2024\n\nPolicy Orientation\n\n&nbsp;\n\n"
    "This year marks the 75th anniversary.\n\n"
    "Government Work Tasks for 2024\n\n"
    "1 Vigorously promoting the construction of a modernized industrial system, and continuously "
    "shaping new driving forces and advantages for development, promoting a new leap.\n\n"
    "Promoting the Optimization of Supply Chains\n\nImplementing transformation projects.\n\n"
    "Actively Cultivating Emerging Industries\n\nImplementing innovation projects.\n\n"
    "10\u00a0 Improve the level of regional coordinated development\n\nContinuously promote the Yangtze.\n\n"
    "11\u00a0 Strengthen ecological civilization construction\n\nDeeply implement the concept.\n"
)


def test_loose_english_headings_like_the_seeds():
    sections = parse_sections(SEEDISH.replace("&nbsp;", "\u00a0"), "en")
    check_invariants(SEEDISH.replace("&nbsp;", "\u00a0"), sections)
    assert tree(sections) == [
        ("Preamble", []),
        ("Review of 2023 Work", [
            ("1 Steady Improvement in Environmental Quality", []),
            ("2 Strengthening Protection and Governance", []),
        ]),
        ("Overall Requirements and Policy Orientation for 2024", [("Policy Orientation", [])]),
        ("Government Work Tasks for 2024", [
            ("1 Vigorously promoting the construction of a modernized industrial system, and…", [
                ("Promoting the Optimization of Supply Chains", []),
                ("Actively Cultivating Emerging Industries", []),
            ]),
            ("10 Improve the level of regional coordinated development", []),
            ("11 Strengthen ecological civilization construction", []),
        ]),
    ]
    preamble = [p.text for p in sections[0].paragraphs]
    assert preamble[1:6] == ["Published Time:", "2024-03-18", "Source:", "Author:",
                             "Li Qiang stated that we must strengthen ecological civilization."]
    # a heading whose title had to be cut stays a paragraph: no text is lost
    task1 = sections[3].children[0]
    assert task1.paragraphs[0].text.startswith("1 Vigorously") and task1.paragraphs[0].text.endswith("leap.")


def test_heading_repeated_by_next_paragraph_is_not_a_paragraph():
    heading = ("We will develop new quality productive forces in light of local conditions "
               "and accelerate the development of a modern industrial system")
    text = (f"Premier Li delivered the report.\n{heading}\n{heading}. We will promote integration.\n"
            "We will foster emerging industries.\n")
    sections = parse_sections(text, "en")
    check_invariants(text, sections)
    assert len(sections) == 2 and sections[1].title.startswith("We will develop new quality")
    assert sections[1].title.endswith("…") and len(sections[1].title) <= 80
    assert [p.text[:18] for p in sections[1].paragraphs] == ["We will develop ne", "We will foster eme"]


# -- Markdown ---------------------------------------------------------------------

def test_markdown_blocks_levels_and_fences():
    text = """Intro line one
intro line two

# Part One

Para A line 1
para A line 2

### Deep heading

```
# not a heading

still code
```

## Part One B

Para B

# Part Two
Para C right under the heading
"""
    sections = parse_sections(text, "en", markdown=True)
    check_invariants(text, sections)
    assert tree(sections) == [
        ("Preamble", []),
        ("Part One", [("Deep heading", []), ("Part One B", [])]),
        ("Part Two", []),
    ]
    assert sections[0].paragraphs[0].text == "Intro line one\nintro line two"
    assert sections[1].children[0].level == 2
    code = sections[1].children[0].paragraphs[0].text
    assert code.startswith("```") and "# not a heading" in code and code.endswith("```")
    assert sections[2].paragraphs[0].text == "Para C right under the heading"


def test_outline_lines_and_empty_text():
    sections = parse_sections(ZH_MODERN, "zh")
    lines = outline_lines(sections)
    assert lines[0] == "前言 (4 paragraphs)"
    assert "  （一）大力提振消费、提高投资效益，全方位扩大国内需求 (2 paragraphs)" in lines
    assert parse_sections("", "en") == [] and parse_sections(" \n\u00a0\n", "zh") == []


# -- the real corpus ------------------------------------------------------------------

def corpus_files():
    corpus = corpus_dir()
    if not corpus.is_dir():
        return []
    files = sorted(corpus.glob("*/*.txt"))
    seeds = corpus.parent / "seeds"
    return files + (sorted(seeds.glob("*.txt")) if seeds.is_dir() else [])


@pytest.mark.parametrize("path", corpus_files() or [None], ids=lambda p: p.name if p else "none")
def test_offsets_hold_on_every_corpus_file(path):
    if path is None:
        need_corpus()
    text = read_report(path)
    sections = parse_sections(text, lang_of(path))
    check_invariants(text, sections)
    # every non-blank line is (a piece of) a paragraph or is a heading title line
    assert sum(1 + len(p.joins) for p in paragraphs(sections)) + sum(1 for t in sections for _ in t.walk()) >= \
        sum(1 for line in text.split("\n") if line.strip()) - (1 if sections[0].level == 0 else 0)


def test_2024_zh_national_structure():
    path = need_corpus() / "national-zh" / "2024年中华人民共和国国务院政府工作报告.txt"
    sections = parse_sections(read_report(path), "zh")
    assert tops(sections) == ["前言", "一、2023年工作回顾",
                              "二、2024年经济社会发展总体要求和政策取向", "三、2024年政府工作任务"]
    tasks = sections[3].children
    assert len(tasks) == 10 and tasks[0].title.startswith("（一）") and tasks[-1].title.startswith("（十）")
    assert not sections[1].children and not sections[2].children


def test_1954_has_no_headings_and_loses_nothing():
    path = need_corpus() / "national-zh" / "1954年中华人民共和国国务院政府工作报告.txt"
    text = read_report(path)
    sections = parse_sections(text, "zh")
    assert tops(sections) == ["前言"]
    assert len(paragraphs(sections)) == sum(1 for line in text.split("\n") if line.strip())


@pytest.mark.parametrize("name, expected", [
    ("1981年中华人民共和国国务院政府工作报告.txt",
     ["（一）当前的经济形势", "（二）今后经济建设的方针", "（三）我国经济发展的前景"]),
    ("1960年中华人民共和国国务院政府工作报告.txt", ["一", "二", "三", "四"]),
    ("1988年中华人民共和国国务院政府工作报告.txt",
     ["过去五年国内工作的基本总结", "今后五年建设和改革的目标、方针和任务", "关于外交工作", "结束语"]),
])
def test_older_zh_reports(name, expected):
    sections = parse_sections(read_report(need_corpus() / "national-zh" / name), "zh")
    assert tops(sections) == ["前言"] + expected


@pytest.mark.parametrize("name, top_count, first", [
    ("GR2019_en.txt", 3, "I. 2018 in Review"),
    ("report_2024_en.txt", 3, "I. A Review of Our Work in 2023"),
    ("report_2025_en.txt", 3, "I. A Review of Our Work in 2024"),
    ("GR2020_en.txt", 8, "I. A review of our work in 2019 and the first few months of 2020"),
])
def test_english_national_top_levels(name, top_count, first):
    sections = parse_sections(read_report(need_corpus() / "national-en" / name), "en")
    assert sections[0].title == "Preamble" and len(sections) - 1 == top_count
    assert sections[1].title == first
    assert all(re.match(r"^[IVX]+[.．]", s.title) for s in sections[1:])
    if name == "GR2019_en.txt":
        assert len(sections[3].children) == 10


def test_sentence_per_line_reports_without_roman_headings():
    sections = parse_sections(read_report(need_corpus() / "national-en" / "GR2017_en.txt"), "en")
    assert len(sections) == 10 and sections[1].title.startswith("1. Pushing ahead")


def seed(name: str) -> str:
    path = need_corpus().parent / "seeds" / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    return read_report(path)


def test_seed_000_outline():
    sections = parse_sections(seed("000_179580aa65bfc56e.txt"), "en")
    assert [(s.title[:30], s.paragraph_count()) for s in sections] == [
        ("Preamble", 2),
        ("We will develop new quality pr", 2),
        ("We will work together to reduc", 4),
    ]


def test_seed_001_outline():
    sections = parse_sections(seed("001_5f29998443802ff7.txt"), "en")
    outline = [line.split(" (")[0] for line in outline_lines(sections)]
    expected = [
        "Preamble",
        "Review of 2023 Work",
        "  1 Steady Improvement in Ecological and Environme",
        "  2 Strengthening Ecological and Environmental Pro",
        "Overall Requirements and Policy Orientation for Ec",
        "  Policy Orientation",
        "Main Expected Targets for Development in 2024",
        "Government Work Tasks for 2024",
        "  1 Vigorously promoting the construction of a mod",
        "    Promoting the Optimization and Upgrading of In",
        "    Actively Cultivating Emerging and Future Indust",
        "    Deeply Promoting the Innovative Development of",
        "    Accelerating the Drive for High-Level Self-Reli",
        "    Actively Expanding Effective Investment",
        "    Strengthening Security Capabilities in Key Area",
        "    Steadily Promoting Rural Reform and Development",
        "    Actively Promoting New-Type Urbanization",
        "  10 Improve the level of regional coordinated dev",
        "  11 Strengthen ecological civilization constructi",
        "  12 Promote comprehensive ecological environment g",
        "  13 Vigorously develop a green and low-carbon econ",
        "  14 Actively and steadily promote carbon peaking a",
    ]
    assert len(outline) == len(expected)
    assert all(got.startswith(want) for got, want in zip(outline, expected)), outline
    preamble = [p.text for p in sections[0].paragraphs]
    assert "Published Time:" in preamble and "2024-03-18" in preamble and "Author:" in preamble


def test_a_provincial_report():
    path = need_corpus() / "provincial-2025-zh" / "2025年四川省政府工作报告.txt"
    sections = parse_sections(read_report(path), "zh")
    assert tops(sections) == ["前言", "2024年工作回顾", "2025年工作安排建议", "加强政府自身建设", "名词解释"]
    assert [len(s.children) for s in sections[1:4]] == [6, 9, 4]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_heading_between_two_annexes_does_not_crash(lang):
    # The lookahead compared the annexes' missing numbers (None < None): a
    # TypeError that stopped the report from being read (found by mypy, #13).
    text = ("Report\n\nThis is the body.\n\nAnnex 1\n\nThis is text of it.\n\n"
            "Green Growth\n\nMore text here.\n\nAnnex 2\n\nText.")
    titles = [s.title for s in parse_sections(text, lang)]
    assert titles[1:] == ["Annex 1", "Green Growth", "Annex 2"]
