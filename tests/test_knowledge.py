from datetime import date

import pytest

from eventcoder.errors import KnowledgeError
from eventcoder.knowledge import knowledge, load_knowledge
from eventcoder.ontology import codebook


def test_builtin_knowledge_loads_and_is_large_enough():
    kb = knowledge()
    assert len(kb.countries) >= 240
    assert len(kb.agents) >= 300
    assert len(kb.entities) >= 1000
    assert sum(len(v) for v in kb.verb_patterns.values()) >= 1000


def test_every_cameo_code_is_reachable_by_a_pattern():
    kb = knowledge()
    used = {p.code for pats in kb.verb_patterns.values() for p in pats}
    used |= {p.code for pats in kb.noun_patterns.values() for p in pats}
    missing = sorted(c for c in codebook() if len(c) > 2 and c not in used)
    assert not missing, f"codes without a pattern: {missing}"


def test_every_word_class_used_is_defined():
    kb = knowledge()
    for pats in list(kb.verb_patterns.values()) + list(kb.noun_patterns.values()):
        for p in pats:
            for w in p.words:
                if w.startswith("~"):
                    assert w[1:] in kb.classes, (p.source, w)


@pytest.mark.parametrize("name,when,country,title", [
    ("Sergei Lavrov", date(2014, 8, 25), "RUS", "Foreign Minister"),
    ("Walid al-Moallem", date(2014, 8, 25), "SYR", "Foreign Minister"),
])
def test_roles_follow_the_date(name, when, country, title):
    entity = next(e for e in knowledge().entities.values() if e.name == name)
    assert (country, title) in {(r.country, r.title) for r in entity.roles if r.in_force(when)}
    assert entity.role_on(when).in_force(when)


def test_countries_have_demonyms_and_capitals():
    syria = knowledge().countries["SYR"]
    assert "Syrian" in syria.adjectives and "Syrians" in syria.demonyms
    assert "Damascus" in syria.capitals


@pytest.mark.parametrize("filename,content,where", [
    ("actors/agents_mine.tsv", "phrase\tsector\nwarlord\tNOPE\n", "agents_mine.tsv:2"),
    ("verbs/mine.tsv", "041\tring up\n9999\tbogus\n", "mine.tsv:2"),
    ("actors/mine.yaml", "- name: X\n  roles: [ {country: RUS, sector: GOV, start: 20-1-1} ]\n",
     "mine.yaml"),
    ("actors/bad.yaml", "- name: [unclosed\n", "bad.yaml:"),
    ("verbs/transforms_mine.yaml", "arms: {lasers: '195'}\n", "unknown word classes"),
    ("verbs/transforms_mine.yaml", "arms: {airstrike: '9999'}\n", "transforms_mine.yaml"),
    ("verbs/transforms_mine.yaml", "schedule_heads: {due: sometimes}\n", "voice 'sometimes'"),
])
def test_malformed_user_dictionary_names_file_and_line(tmp_path, filename, content, where):
    path = tmp_path / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge([str(tmp_path)])
    assert where in str(info.value)


def test_user_dictionary_adds_and_overrides(tmp_path):
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "mine.yaml").write_text(
        "- name: Jane Example\n  roles:\n    - {country: SYR, sector: OPP, title: Opposition"
        " Leader, start: 2010-01-01, end: null}\n", encoding="utf-8")
    (tmp_path / "verbs").mkdir()
    (tmp_path / "verbs" / "mine.tsv").write_text("041\tring +up\n", encoding="utf-8")
    kb = load_knowledge([str(tmp_path)])
    assert kb.entities["jane-example"].role_on(date(2020, 1, 1)).sector == "OPP"
    assert any(p.code == "041" for p in kb.verb_patterns["ring"])
