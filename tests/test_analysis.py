"""Tests of the Polish search analysis: Python and JavaScript must agree, and stems must join.

The JavaScript half runs under node, which is part of the machine image: a missing node
fails these tests rather than skipping them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from ksr_library.analysis import analyse, fold, load_rules, parse_rules, stem, tokenize
from ksr_library.errors import KsrError
from ksr_library.search_query import Plan, edit_distance, fuzzy, plan, synonym_table

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "ksr_library"
RULES_PATH = PACKAGE / "data" / "polish.json"
JS_PATH = PACKAGE / "assets" / "polish-analysis.js"
WORDS_PATH = ROOT / "tests" / "data" / "polish-words.txt"

# Reads {"op": ..., ...} as JSON on stdin, writes the answer as JSON on stdout.
NODE_RUNNER = r"""
const [jsPath, rulesPath] = process.argv.slice(1);
const ksrPolish = require(jsPath);
const rules = require(rulesPath);
const analyser = ksrPolish.create(rules);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const request = JSON.parse(input);
  let answer;
  if (request.op === 'analyse') {
    answer = request.lines.map((line) => analyser.analyse(line));
  } else if (request.op === 'chars') {
    answer = request.codePoints.map((cp) => {
      const ch = String.fromCodePoint(cp);
      return [analyser.fold(ch), analyser.tokenize('x' + ch + 'y'),
        analyser.fold(ch.toLowerCase()) === analyser.fold(ch)];
    });
  } else if (request.op === 'plan') {
    answer = request.queries.map((q) => ksrPolish.plan(analyser, q, request.synonyms, { prefix: request.prefix }));
  } else if (request.op === 'fuzzy') {
    answer = request.terms.map((t) => ksrPolish.fuzzy(t, request.vocabulary));
  } else {
    throw new Error('unknown op ' + request.op);
  }
  process.stdout.write(JSON.stringify(answer));
});
"""


def run_node(request: dict[str, Any]) -> Any:
    """Run the node side on one request and return its decoded answer."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is not on PATH: it is part of the machine image and is needed to check "
            "that assets/polish-analysis.js gives the same terms as analysis.py"
        )
    result = subprocess.run(
        [node, "-e", NODE_RUNNER, str(JS_PATH), str(RULES_PATH)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    if result.returncode != 0:
        # The last lines name the error; above them node may echo a whole minified line.
        tail = [line[:300] for line in result.stderr.strip().splitlines()[-6:]]
        pytest.fail(f"node failed ({result.returncode}):\n" + "\n".join(tail))
    return json.loads(result.stdout)


def word_lines() -> list[str]:
    """The lines of the word list, as the twin test feeds them."""
    return WORDS_PATH.read_text(encoding="utf-8").splitlines()


# ---- Python and JavaScript agree ---------------------------------------------------------


def test_word_list_is_large_and_polish() -> None:
    lines = word_lines()
    assert len(lines) >= 1200
    assert sum(any(ch in "ąćęłńóśźż" for ch in line.lower()) for line in lines) >= 400


def test_python_and_javascript_analyse_every_line_alike() -> None:
    lines = word_lines()
    python = [analyse(line) for line in lines]
    javascript = run_node({"op": "analyse", "lines": lines})
    assert len(javascript) == len(lines)
    differences = [
        f"line {number}: {line!r}: python {py} != javascript {js}"
        for number, (line, py, js) in enumerate(zip(lines, python, javascript, strict=True), 1)
        if py != js
    ]
    assert not differences, f"{len(differences)} lines differ:\n" + "\n".join(differences[:20])


def test_python_and_javascript_fold_and_split_every_character_alike() -> None:
    # Every character Python's Unicode database knows; node's may be newer, so characters
    # unassigned here are left out (Python treats them as separators).
    code_points = [cp for cp in range(0x110000) if unicodedata.category(chr(cp)) not in {"Cn", "Cs"}]
    python = [
        [fold(chr(cp)), tokenize(f"x{chr(cp)}y"), fold(chr(cp).lower()) == fold(chr(cp))]
        for cp in code_points
    ]
    javascript = run_node({"op": "chars", "codePoints": code_points})
    differences = [
        f"U+{cp:04X} {unicodedata.name(chr(cp), '?')}: python {py} != javascript {js}"
        for cp, py, js in zip(code_points, python, javascript, strict=True)
        if py != js
    ]
    assert not differences, f"{len(differences)} characters differ:\n" + "\n".join(differences[:20])


# ---- stems join the forms readers type -----------------------------------------------------

SAME_STEM = [
    ("sieci", "sieć"),
    ("animatorów", "animator"),
    ("animatorzy", "animator"),
    ("animatorze", "animator"),
    ("paktem", "pakt"),
    ("pakcie", "pakt"),
    ("wolontariuszami", "wolontariusze"),
    ("wolontariusz", "wolontariuszy"),
    ("budzet", "budżetu"),
    ("budżecie", "budżet"),
    ("gminy", "gmina"),
    ("gminie", "gmin"),
    ("osrodek", "Ośrodka"),
    ("ośrodkiem", "ośrodek"),
    ("sektorowej", "Sektorowej"),
    ("animacji", "Animacji"),
    ("reintegracji", "reintegracja"),
    ("klubów", "klub"),
    ("kluby", "klub"),
    ("klubie", "klub"),
    ("integracji", "integracja"),
    ("integracyjne", "integracja"),
    ("społecznej", "społeczna"),
    ("spolecznej", "społeczny"),
    ("reintegracyjnych", "reintegracyjne"),
    ("rekomendacje", "rekomendacja"),
    ("modelu", "model"),
    ("zespołu", "zespół"),
    ("zespole", "zespół"),
    ("regionalnych", "regionalny"),
    ("szkoleń", "szkolenie"),
    ("szkoleniami", "szkolenie"),
    ("centrów", "centrum"),
    ("centrach", "centrum"),
    ("województwa", "województwo"),
    ("województw", "województwie"),
    ("uczestnicy", "uczestnik"),
    ("uczestników", "uczestnik"),
    ("kontrakcie", "kontrakt"),
    ("samorządzie", "samorząd"),
    ("usłudze", "usługa"),
    ("polityce", "polityka"),
    ("świadczeń", "świadczenie"),
    ("spółdzielni", "spółdzielnia"),
    ("modułów", "moduł"),
    ("węzła", "węzeł"),
    ("wzorca", "wzorzec"),
    ("mieszkańców", "mieszkaniec"),
    ("problemu", "problem"),
    ("systemowe", "system"),
    ("bibliotek", "biblioteka"),
    ("dzieci", "dziecko"),
    ("KIS-ów", "KIS"),
    ("KISów", "kis"),
]

DIFFERENT_STEM = [
    ("gmina", "gminny"),
    ("społeczny", "społeczeństwo"),
    ("regionalny", "region"),
    ("szkolenie", "szkoła"),
    ("model", "moduł"),
    ("pakt", "park"),
    ("klub", "kluczowy"),
    ("sieć", "siedziba"),
    ("integracja", "interesariusz"),
    ("animator", "animacja"),
    ("praca", "pracownik"),
    ("2019", "2020"),
]


@pytest.mark.parametrize(("first", "second"), SAME_STEM)
def test_forms_share_a_stem(first: str, second: str) -> None:
    assert analyse(first) == analyse(second)
    assert len(analyse(first)) == 1


@pytest.mark.parametrize(("first", "second"), DIFFERENT_STEM)
def test_other_words_keep_apart(first: str, second: str) -> None:
    assert analyse(first) != analyse(second)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("budzet gminy", "budżetu gminy"),
        ("osrodek sektorowej animacji", "Ośrodka Sektorowej Animacji"),
        ("klub integracji spolecznej", "Klubów Integracji Społecznej"),
        ("wolontariuszami", "Wolontariusze"),
    ],
)
def test_queries_without_diacritics_match_text(query: str, text: str) -> None:
    assert analyse(query) == analyse(text)


def test_short_words_and_numbers_are_kept_whole() -> None:
    assert stem("kis") == "kis"
    assert stem("dom") == "dom"
    assert stem("2019") == "2019"
    assert analyse("2019r.") == ["2019"]
    assert analyse("POWR.02.05") == ["powr", "02", "05"]


# ---- stop words and folding ---------------------------------------------------------------


def test_stop_words_are_removed() -> None:
    assert analyse("w gminie i na wsi oraz dla niej") == [stem("gminie"), stem("wsi")]
    assert analyse("że się już też") == []
    assert analyse("ROPS-ie, OPS-em") == ["rops", "ops"]


def test_stop_words_are_written_folded() -> None:
    rules = load_rules()
    for word in rules.stop_words:
        assert tokenize(word) == [word], word


def test_rules_are_written_folded_and_ordered() -> None:
    rules = load_rules()
    texts = [*rules.suffixes, *rules.stem_endings]
    texts += [r.suffix for r in (*rules.bare_rules, *rules.final_rules)]
    texts += [r.replace for r in (*rules.bare_rules, *rules.final_rules) if r.replace]
    for text in texts:
        assert text.isascii(), text
        assert text.isalpha(), text
        assert text == text.lower(), text
    lengths = [len(s) for s in rules.suffixes]
    assert lengths == sorted(lengths, reverse=True)


def test_fold_removes_polish_diacritics_in_both_cases() -> None:
    assert fold("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż") == "acelnoszz acelnoszz"
    assert fold("Zażółć Gęślą Jaźń") == "zazolc gesla jazn"


def test_fold_composes_decomposed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Ośrodek Sektorowej Animacji Reintegracji: ę, ź")
    assert decomposed != unicodedata.normalize("NFKC", decomposed)
    assert fold(decomposed) == "osrodek sektorowej animacji reintegracji: e, z"


def test_fold_undoes_compatibility_forms() -> None:
    # ligature fi, full-width KIS, superscript two, black-letter H
    assert fold("\ufb01nansowanie \uff2b\uff29\uff33 m\u00b2 \u210c") == "finansowanie kis m2 h"
    assert analyse("\ufb01nansowania") == analyse("finansowanie")


def test_every_character_folds_alike_once_lower_cased() -> None:
    # A caller may lower-case before analysing; folding must not care.
    for cp in range(0x110000):
        if unicodedata.category(chr(cp)) in {"Cn", "Cs"}:
            continue
        assert fold(chr(cp).lower()) == fold(chr(cp)), f"U+{cp:04X}"


def test_tokenize_splits_on_everything_but_letters_and_digits() -> None:
    assert tokenize("KIS-ów, Ośrodka; 2019r. (OSAR)") == [
        "kis",
        "ow",
        "osrodka",
        "2019",
        "r",
        "osar",
    ]
    assert tokenize(" \t…—") == []


def test_broken_rules_are_reported() -> None:
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    raw["suffixes"] = ["a", "ach"]
    with pytest.raises(KsrError, match="longest first"):
        parse_rules(raw)
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    raw["finalRules"] = [{"suffix": "k"}]
    with pytest.raises(KsrError, match="finalRules"):
        parse_rules(raw)
    with pytest.raises(KsrError, match="unknown keys"):
        parse_rules({"stopwords": []})
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    raw["fold"]["o"] = "0"  # fold() translates only non-ASCII runs: an ASCII entry would be ignored
    with pytest.raises(KsrError, match="non-ASCII"):
        parse_rules(raw)


def test_fold_of_mixed_text_folds_every_mapped_character() -> None:
    folded = fold("Zażółć gęślą jaźń, ﬁlm ½ ŁÓDŹ")
    assert folded == "zazolc gesla jazn, film 1⁄2 lodz"


# ---- queries: groups, synonyms, light words, corrections ------------------------------------

GLOSSARY = [
    ("KIS", "klub integracji społecznej"),
    ("CIS", "centrum integracji społecznej"),
    ("OPS", "ośrodek pomocy społecznej"),
    ("IPZS", "indywidualny program zatrudnienia socjalnego"),
    ("kontrakt socjalny", "kontrakt socjalny"),
]
QUERY_CASES = [
    "KIS",
    "klub integracji społecznej w gminie",
    "kluby integracji spolecznej",
    "jak założyć KIS",
    "co należy zrobić z IPZS",
    "ośrodka pomocy społecznej i CIS",
    "trzeba",
    "2019",
    "wolontar",
    "wolontar ",
    "KIS-ów, OPS-em",
    "REK-07",
    "",
]


def as_data(result: Plan) -> dict[str, Any]:
    return {
        "groups": [
            {"words": list(g.words), "alternatives": [list(a) for a in g.alternatives], "light": g.light}
            for g in result.groups
        ],
        "prefix": list(result.prefix),
    }


def test_abbreviation_and_expansion_are_synonyms_both_ways() -> None:
    table = synonym_table(GLOSSARY)
    short = plan("KIS", table)
    assert [g.alternatives for g in short.groups] == [
        (("kis",), tuple(analyse("klub integracji społecznej")))
    ]
    long = plan("kluby integracji społecznej w gminie", table)
    assert [g.words for g in long.groups] == [("kluby", "integracji", "spolecznej"), ("gminie",)]
    assert long.groups[0].alternatives[1] == ("kis",)
    assert not any(a == b for a, b in table), "a term equal to its expansion is no synonym"


def test_question_words_are_light_or_dropped() -> None:
    result = plan("co należy zrobić, gdy trzeba założyć klub", [])
    assert [(g.words, g.light) for g in result.groups] == [
        (("nalezy",), True),
        (("zrobic",), True),
        (("trzeba",), True),
        (("zalozyc",), False),
        (("klub",), False),
    ]
    rules = load_rules()
    assert not rules.light_words & rules.stop_words
    for word in rules.light_words:
        assert tokenize(word) == [word], word


def test_the_last_word_is_a_prefix_while_typed() -> None:
    assert plan("sieć wolontar", [], prefix=True).prefix == ("wolontar",)
    assert plan("sieć wolontariu", [], prefix=True).prefix == (stem("wolontariu"), "wolontariu")
    assert stem("wolontariu") != "wolontariu"
    assert plan("sieć wolontar ", [], prefix=True).prefix == ()
    assert plan("sieć 2019", [], prefix=True).prefix == ()
    assert plan("sieć wolontar", []).prefix == ()


def test_edit_distance_counts_swaps_as_one() -> None:
    assert edit_distance("wolontraiat", "wolontariat", 2) == 1
    assert edit_distance("zeglartsw", "zeglarstw", 2) == 1
    assert edit_distance("abcdef", "badcfe", 2) == 3  # past the ceiling: ceiling + 1
    assert edit_distance("klub", "klub", 1) == 0


def test_fuzzy_finds_near_terms_most_frequent_first() -> None:
    vocabulary = ["wolontariat", "wolontariusz", "klub", "klucz", "zeglarstw", "animacj", "animator"]
    assert fuzzy("wolontraiat", vocabulary) == ["wolontariat"]
    assert fuzzy("zeglartsw", vocabulary) == ["zeglarstw"]
    assert fuzzy("animatr", vocabulary) == ["animator", "animacj"]  # two edits for a long term
    assert fuzzy("anmacj", vocabulary) == ["animacj"]
    assert fuzzy("klb", vocabulary) == [], "a short word is never corrected"
    assert fuzzy("2019", ["2018", "2019"]) == []


def test_python_and_javascript_plan_queries_alike() -> None:
    table = synonym_table(GLOSSARY)
    queries = QUERY_CASES + [q["query"] for q in yaml_queries()] + word_lines()[:300]
    for prefix in (False, True):
        python = [as_data(plan(q, table, prefix=prefix)) for q in queries]
        javascript = run_node({"op": "plan", "queries": queries, "synonyms": table, "prefix": prefix})
        differences = [
            f"{q!r}: {py} != {js}" for q, py, js in zip(queries, python, javascript, strict=True) if py != js
        ]
        assert not differences, "\n".join(differences[:10])


def test_python_and_javascript_correct_alike() -> None:
    vocabulary = sorted({stem(t) for line in word_lines() for t in tokenize(line)})
    terms = (
        [t[:-1] for t in vocabulary[::7]]
        + [t[1:] + t[0] for t in vocabulary[::11]]
        + ["wolontraiat", "zeglartsw"]
    )
    python = [fuzzy(t, vocabulary) for t in terms]
    javascript = run_node({"op": "fuzzy", "terms": terms, "vocabulary": vocabulary})
    assert python == javascript
    assert sum(bool(found) for found in python) > len(terms) / 3


def yaml_queries() -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load((ROOT / "tests" / "data" / "relevance.yml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]
