"""index/terminfos.py: a segment reader that remembers its term lookups answers
every question as Whoosh's own terms reader does, and looks each term up once."""

import pytest
from helpers import make_library
from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.formats import Existence
from whoosh.reading import TermNotFound

from index import terminfos
from index.terminfos import REMEMBERED, RememberedTerms, forget_term_infos

ASKED = [("text", b"carbon"), ("text", b"emiss"), ("cjk", "碳中".encode()), ("cjk", "中和".encode()),
         ("text", b"zzqx"), ("cjk", "無無".encode()), ("nofield", b"x")]
"""Terms the samples hold, and terms and a field they do not."""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = make_library(tmp_path_factory.mktemp("terminfos"))
    yield lib
    lib.close()


def remembered(library) -> list[RememberedTerms]:
    terms = [sub.reader()._terms for sub, _ in library.searcher().leaf_searchers()]
    assert terms and all(type(t) is RememberedTerms for t in terms)
    return terms


def answers(terms, fieldname: str, tbytes: bytes) -> tuple:
    """Every answer a segment reader asks of its terms reader, errors included."""
    def ask(call):
        try:
            return call()
        except (TermNotFound, KeyError) as e:
            return type(e).__name__
    matcher = ask(lambda: terms.matcher(fieldname, tbytes, Existence()))
    return (
        (fieldname, tbytes) in terms,
        ask(lambda: terms.term_info(fieldname, tbytes).__dict__),
        ask(lambda: terms.doc_frequency(fieldname, tbytes)),
        ask(lambda: terms.frequency(fieldname, tbytes)),
        matcher if isinstance(matcher, str) else list(matcher.all_ids()),
    )


def test_the_searcher_remembers_and_answers_as_whoosh(library):
    for terms in remembered(library):
        assert isinstance(terms._terms, W3TermsReader)
        for term in ASKED:
            assert answers(terms, *term) == answers(terms._terms, *term), term
            assert answers(terms, *term) == answers(terms._terms, *term), term  # now from memory


def test_each_term_is_looked_up_once(library, monkeypatch):
    terms = remembered(library)[0]
    forget_term_infos(library.searcher())
    lookups = []
    real = terminfos._record
    monkeypatch.setattr(terminfos, "_record", lambda terms_file, key: lookups.append(key) or real(terms_file, key))
    for _ in range(3):
        for term in ASKED:
            answers(terms, *term)
    assert sorted(lookups) == sorted(terms._terms._keycoder(*term) for term in ASKED)


def test_a_record_is_read_as_whoosh_reads_it(library):
    for terms in remembered(library):
        terms_file = terms._terms._tindex
        stored = [key for key, _ in terms_file.items()]
        absent = [key[:-1] + bytes([key[-1] ^ 0x5A]) for key in stored] + [b"", b"\x00\x00absent"]
        for key in stored + absent:
            assert terminfos._record(terms_file, key) == terms_file.get(key), key


def test_only_the_latest_terms_are_kept(library):
    terms = remembered(library)[0]
    for n in range(REMEMBERED + 10):
        assert ("text", f"w{n}".encode()) not in terms  # absent terms are remembered too
    assert len(terms._infos) == REMEMBERED
    assert ("text", f"w{REMEMBERED + 9}".encode()) in terms._infos and ("text", b"w0") not in terms._infos


def test_search_results_are_whooshs(library):
    from index.search import SearchRequest, forget_between_searches, search

    def run():
        forget_between_searches(library.searcher())
        return [(r.total, [(h.report, h.paragraph, h.score) for h in r.hits])
                for r in (search(library, SearchRequest(q)) for q in ("carbon", "碳中和 emissions", '"carbon neutrality"'))]

    remembering = run()
    for sub, _ in library.searcher().leaf_searchers():
        sub.reader()._terms = sub.reader()._terms._terms
    try:
        assert run() == remembering and remembering[0][0] > 0
    finally:
        for sub, _ in library.searcher().leaf_searchers():
            sub.reader()._terms = RememberedTerms(sub.reader()._terms)
