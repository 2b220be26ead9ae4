"""Reading report files: encodings, line endings, metadata, bad files."""

import os

import pytest

from index.reader import ReadError, discover, read_report
from index.textnorm import fold

ZH = "政府工作报告\n\n各位代表：\n\n一、2023年工作回顾\n\n推进碳达峰碳中和，发展新质生产力。\n"


def test_utf8_with_and_without_bom(tmp_path):
    for name, data in [("plain.txt", ZH.encode()), ("bom.txt", b"\xef\xbb\xbf" + ZH.encode())]:
        (tmp_path / name).write_bytes(data)
        report = read_report(tmp_path / name)
        assert report.text == ZH
        assert report.meta.lang == "zh"


def test_gbk_and_crlf_are_detected(tmp_path):
    path = tmp_path / "2019年政府工作报告.txt"
    path.write_bytes(ZH.replace("\n", "\r\n").encode("gbk"))
    report = read_report(path)
    assert report.text == ZH  # decoded and LF
    assert report.meta.year == 2019
    assert any("碳中和" in p.text for p in report.paragraphs())


def test_real_gbk_file(corpus):
    report = read_report(corpus / "hailar-gbk" / "2012.txt")
    assert report.meta.lang == "zh" and report.meta.year == 2012
    assert "\r" not in report.text
    assert "海拉尔" in report.text


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"  \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "an image (PNG)"),
     (b"\x01\x02\x00\x00\x07" * 20, "binary"),
     (b"\x81\x30\xff\xfe\xfd" * 50, "unknown text encoding")],
)
def test_unreadable_files_say_why(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        read_report(path)
    assert reason in str(caught.value) and "bad.txt" in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission bits")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("hello")
    path.chmod(0)
    with pytest.raises(ReadError, match="permission denied"):
        read_report(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="file not found"):
        read_report(tmp_path / "nope.txt")


def test_full_width_folding_keeps_offsets():
    text = "一、１９９４年国内工作的回顾　ＧＤＰ增长"
    folded = fold(text)
    assert len(folded) == len(text)
    assert "1994年" in folded and "gdp" in folded


def test_metadata_from_names_and_text(tmp_path):
    cases = {
        "GR2019_en.txt": ("REPORT ON THE WORK OF THE GOVERNMENT\nFellow Deputies,\nI. 2018 in Review\n", 2019, "en"),
        "report_2024_en.txt": ("On behalf of the State Council, I will now report to you.\n", 2024, "en"),
        "article.txt": ("Some news\n\nPublished Time:\n\n2024-03-18\n\nBody text here.\n", 2024, "en"),
    }
    for name, (text, year, lang) in cases.items():
        (tmp_path / name).write_text(text)
        meta = read_report(tmp_path / name).meta
        assert (meta.year, meta.lang) == (year, lang), name
    assert read_report(tmp_path / "GR2019_en.txt").meta.title == "2019 Report on the Work of the Government"


def test_a_title_in_capitals_is_shown_as_a_headline(tmp_path):
    """Each word capitalised but the short function words after the first; an
    apostrophe does not start a word (str.title gave "People'S"). A title in
    mixed case is kept as written."""
    cases = {
        "REPORT ON THE WORK OF THE GOVERNMENT": "Report on the Work of the Government",
        "THE PEOPLE'S GOVERNMENT OF BEIJING: WORK REPORT": "The People's Government of Beijing: Work Report",
        "(DRAFT) REPORT ON THE 2024 PLAN FOR ECONOMIC DEVELOPMENT": "(Draft) Report on the 2024 Plan for Economic Development",
        "Report On the work of THE Government": "Report On the work of THE Government",
    }
    for written, shown in cases.items():
        (tmp_path / "r.txt").write_text(f"{written}\n\nFellow Deputies,\n\nI. Review\n")
        assert read_report(tmp_path / "r.txt").meta.title == shown, written


def test_front_matter_and_sidecar_override(tmp_path):
    front = tmp_path / "a.md"
    front.write_text("---\ntitle: My title\nyear: 2001\nlang: en\nid: custom-id\n---\n# Heading\n\nText.\n")
    meta = read_report(front).meta
    assert (meta.id, meta.title, meta.year, meta.lang) == ("custom-id", "My title", 2001, "en")
    # offsets stay file offsets: the front matter is blanked, not cut
    report = read_report(front)
    assert all(report.text[p.start:p.end] == p.text for p in report.paragraphs())

    plain = tmp_path / "b.txt"
    plain.write_text("Text about 2020年.\n")
    (tmp_path / "b.meta.yaml").write_text("title: Sidecar title\nyear: 1999\n")
    meta = read_report(plain).meta
    assert (meta.title, meta.year) == ("Sidecar title", 1999)


def test_broken_sidecar_is_a_clear_error(tmp_path):
    plain = tmp_path / "b.txt"
    plain.write_text("Text.\n")
    (tmp_path / "b.meta.yaml").write_text("title: [unclosed\n")
    with pytest.raises(ReadError, match=r"b\.meta\.yaml.*invalid YAML.*line"):
        read_report(plain)


def test_report_id_is_stable_across_edits(tmp_path):
    path = tmp_path / "2024年报告.txt"
    path.write_text("一版")
    first = read_report(path).meta
    path.write_text("二版，改过了")
    second = read_report(path).meta
    assert first.id == second.id and first.content_hash != second.content_hash


def test_discover_skips_readme_hidden_and_other_files(tmp_path):
    (tmp_path / "README.md").write_text("about")
    (tmp_path / ".reportx").mkdir()
    (tmp_path / ".reportx" / "x.txt").write_text("notes")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / "d.png").write_bytes(b"\x89PNG")
    (tmp_path / "a.meta.yaml").write_text("title: A")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("c")
    assert sorted(p.name for p in discover([tmp_path])) == ["a.txt", "b.pdf", "c.md"]


def test_bundled_samples_have_their_metadata():
    from conftest import SAMPLES

    metas = sorted((read_report(p).meta for p in discover([SAMPLES])), key=lambda m: m.year)
    assert [(m.year, m.lang) for m in metas] == [(2024, "en"), (2025, "en")]
    assert all(m.title and m.id.startswith("sample-") for m in metas)
