from notes_support import make_report

from index.notes.anchor import anchor, anchor_annotation
from index.notes.model import Annotation

EN = (
    "The economy grew steadily last year.\n"
    "We kept prices stable and created 12 million urban jobs.\n"
    "Reform of state-owned enterprises made solid progress.\n"
    "We will keep prices stable this year as well.\n"
)
ZH = (
    "过去一年，我国经济持续恢复发展。\n"
    "城镇新增就业一千二百万人，居民消费价格上涨百分之二。\n"
    "深化国有企业改革，推进混合所有制改革。\n"
    "今年发展主要预期目标是：国内生产总值增长百分之五左右。\n"
)


def note_on(text: str, quote: str, occurrence: int = 0) -> Annotation:
    report = make_report(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Annotation.from_selection(report, start, start + len(quote), kind="note", note="n")


def relocate(ann: Annotation, new_text: str):
    found = anchor_annotation(ann, new_text)
    return found, (new_text[found.start:found.end] if found.ok else None)


def test_unchanged_text_uses_the_stored_position():
    ann = note_on(EN, "created 12 million urban jobs")
    found, at = relocate(ann, EN)
    assert (found.method, found.start, at) == ("position", ann.start, "created 12 million urban jobs")
    assert ann.anchored


def test_paragraph_inserted_before_moves_the_anchor():
    ann = note_on(EN, "Reform of state-owned enterprises")
    inserted = "A new opening paragraph about the year behind us.\n"
    found, at = relocate(ann, inserted + EN)
    assert found.method == "exact"
    assert found.start == ann.start + len(inserted)
    assert at == "Reform of state-owned enterprises"


def test_typo_fixed_inside_the_quote_is_found_approximately():
    text = EN.replace("solid progress", "solid progess")
    ann = note_on(text, "Reform of state-owned enterprises made solid progess.")
    found, at = relocate(ann, EN)
    assert found.method == "fuzzy"
    assert at == "Reform of state-owned enterprises made solid progress."
    assert 0.8 <= found.score < 1


def test_words_inserted_inside_the_quote_are_covered():
    ann = note_on(EN, "We kept prices stable and created 12 million urban jobs.")
    new = EN.replace("and created", "and also created")
    found, at = relocate(ann, new)
    assert found.method == "fuzzy"
    assert at == "We kept prices stable and also created 12 million urban jobs."


def test_repeated_quote_is_chosen_by_its_context():
    ann = note_on(EN, "keep prices stable", occurrence=0)
    assert ann.start > EN.index("We will")  # only "kept" before, "keep" is in the last line
    ann2 = note_on(EN + "Prices matter: we keep prices stable for families.\n", "keep prices stable", 0)
    new = "Preamble added.\n" + EN + "Prices matter: we keep prices stable for families.\n"
    found, at = relocate(ann2, new)
    assert found.method == "context"
    assert found.start == ann2.start + len("Preamble added.\n")
    assert new[found.start - 8:found.start] == "We will "


def test_second_occurrence_is_chosen_by_context_not_by_order():
    text = "Alpha: prices stable overall.\nBeta: prices stable overall.\n"
    ann = note_on(text, "prices stable overall", occurrence=1)
    found, _ = relocate(ann, "Intro.\n" + text)
    assert found.method == "context"
    assert found.start == text.index("Beta") + len("Intro.\n") + len("Beta: ")


def test_truly_ambiguous_repeat_is_an_orphan():
    para = "We will keep prices stable and protect jobs for everyone.\n"
    ann = note_on("Intro.\n" + para, "keep prices stable and protect jobs")
    # The passage now appears twice with identical context, both far from the old offset.
    filler = "x" * 300 + "\n"
    found, _ = relocate(ann, filler + "Intro.\n" + para + "Intro.\n" + para)
    assert not found.ok and found.method is None
    assert "same context" in found.reason
    assert not ann.anchored


def test_deleted_passage_is_an_orphan():
    ann = note_on(EN, "Reform of state-owned enterprises made solid progress.")
    lines = EN.splitlines(keepends=True)
    found, _ = relocate(ann, "".join(lines[:2] + lines[3:]))
    assert not found.ok and found.start is None


def test_short_quote_found_only_in_another_context_is_an_orphan():
    ann = note_on(EN, "Reform")
    new = "Nothing about that here.\nReform of the tax system is next.\n"
    found, _ = relocate(ann, new)
    assert not found.ok


def test_chinese_text_inserted_paragraph_and_edit():
    ann = note_on(ZH, "深化国有企业改革，推进混合所有制改革。")
    moved = "一、二〇二三年工作回顾\n" + ZH
    found, at = relocate(ann, moved)
    assert (found.method, at) == ("exact", "深化国有企业改革，推进混合所有制改革。")
    edited = moved.replace("推进混合所有制改革", "稳妥推进混合所有制改革")
    found, at = relocate(ann, edited)
    assert found.method == "fuzzy"
    assert at == "深化国有企业改革，稳妥推进混合所有制改革。"


def test_chinese_repeated_phrase_by_context():
    text = ZH + "我们要稳定就业，保持居民消费价格基本稳定。\n"
    ann = note_on(text, "居民消费价格", occurrence=1)
    found, _ = relocate(ann, "前言。\n" + text)
    assert found.method == "context"
    assert found.start == ann.start + len("前言。\n")


def test_bookmark_without_quote_follows_its_paragraph():
    report = make_report(EN)
    start = EN.index("Reform")
    mark = Annotation.from_selection(report, start, start, kind="bookmark")
    assert mark.quote == "" and mark.paragraph == 2
    assert anchor_annotation(mark, EN).method == "position"
    found = anchor_annotation(mark, "New first line.\n" + EN)
    assert found.ok and found.start == found.end == start + len("New first line.\n")
    gone = anchor_annotation(mark, "Something else entirely, nothing in common.\n")
    assert not gone.ok


def test_fuzzy_tie_between_two_edited_copies_is_an_orphan():
    quote = "Reform of state-owned enterprises made solid progress."
    ann = note_on(EN, quote)
    new = "A " + quote.replace("solid", "solyd") + "\nB " + quote.replace("solid", "sollid") + "\n"
    found, _ = relocate(ann, new)
    assert not found.ok
    assert anchor(new, quote).reason.startswith("several passages")


def test_equal_contexts_fall_back_to_the_clearly_nearer_occurrence():
    para = "We will keep prices stable and protect jobs for everyone.\n"
    ann = note_on("Intro.\n" + para, "keep prices stable and protect jobs")
    edited = "Intro.\n" + para.replace("everyone", "all")
    filler = "x" * 300 + "\n"
    new = edited + filler + edited + filler
    found, _ = relocate(ann, new)
    assert (found.method, found.start) == ("context", ann.start)
