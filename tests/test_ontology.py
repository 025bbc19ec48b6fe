import pytest

from eventcoder.errors import KnowledgeError
from eventcoder.ontology import PLOVER_TYPES, cameo, codebook


def test_codebook_has_every_root_and_about_290_codes():
    book = codebook()
    assert {c[:2] for c in book} == {f"{i:02d}" for i in range(1, 21)}
    assert len(book) >= 280


@pytest.mark.parametrize("code,quad", [("010", 1), ("041", 1), ("057", 1), ("061", 2),
                                       ("073", 2), ("111", 3), ("138", 3), ("163", 4),
                                       ("190", 4), ("195", 4), ("2041", 4)])
def test_quad_class_follows_the_root(code, quad):
    assert cameo(code).quad_class == quad


def test_every_code_is_consistent():
    for code, entry in codebook().items():
        assert entry.code == code and code.isdigit()
        assert -10 <= entry.goldstein <= 10
        assert entry.plover.type in PLOVER_TYPES
        assert code[:2] in codebook()


def test_leading_zeros_are_kept_and_names_read():
    assert cameo("041").name.lower().startswith("discuss by telephone")
    assert cameo("041").plover.type == "CONSULT"
    assert cameo("041").root == "04"


def test_unknown_code_is_a_clear_error():
    with pytest.raises(KnowledgeError, match="999"):
        cameo("999")
