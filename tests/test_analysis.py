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
from lunr.index import Index
from lunr.tokenizer import Tokenizer

from ksr_library.analysis import (
    PIPELINE_LABEL,
    analyse,
    configure_builder,
    fold,
    load_rules,
    lunr_pipeline_function,
    make_builder,
    parse_rules,
    stem,
    tokenize,
)
from ksr_library.errors import KsrError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "ksr_library"
RULES_PATH = PACKAGE / "data" / "polish.json"
JS_PATH = PACKAGE / "assets" / "polish-analysis.js"
LUNR_JS_PATH = PACKAGE / "assets" / "vendor" / "lunr.min.js"
WORDS_PATH = ROOT / "tests" / "data" / "polish-words.txt"

# Reads {"op": ..., ...} as JSON on stdin, writes the answer as JSON on stdout.
NODE_RUNNER = r"""
const [jsPath, rulesPath, lunrPath] = process.argv.slice(1);
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
  } else if (request.op === 'lunr') {
    const lunr = require(lunrPath);
    const warnings = [];
    console.warn = (...args) => { warnings.push(args.join(' ')); };
    ksrPolish.registerLunr(lunr, analyser);
    const index = lunr.Index.load(request.index);
    const refs = (results) => results.map((r) => r.ref);
    const jsBuilt = lunr(function () {
      this.use(ksrPolish.lunrPlugin(lunr, analyser));
      this.ref('id');
      request.fields.forEach((field) => this.field(field));
      request.documents.forEach((doc) => this.add(doc));
    });
    answer = {
      parsed: request.queries.map((q) => refs(index.search(q))),
      direct: request.queries.map((q) => refs(ksrPolish.search(index, analyser, q))),
      prefix: refs(ksrPolish.search(index, analyser, request.prefixQuery, { prefix: true })),
      pipeline: index.pipeline.toJSON(),
      jsTerms: Object.keys(jsBuilt.invertedIndex).sort(),
      warnings: warnings,
    };
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
        [node, "-e", NODE_RUNNER, str(JS_PATH), str(RULES_PATH), str(LUNR_JS_PATH)],
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


def test_lunr_py_pipeline_gives_exactly_analyse() -> None:
    builder = make_builder()
    for line in word_lines():
        terms = [str(token) for token in builder.pipeline.run(Tokenizer(line))]
        assert terms == analyse(line), line


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


def test_every_character_folds_alike_after_lunr_lower_cases_it() -> None:
    # lunr lower-cases before the pipeline runs; folding must not care.
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


# ---- inside lunr: index in Python, query in lunr.js --------------------------------------

DOCUMENTS = [
    {
        "id": "osar",
        "title": "Ośrodek Sektorowej Animacji Reintegracji",
        "body": "OSAR wspiera animatorów Zespołów Regionalnej Animacji Reintegracji.",
    },
    {
        "id": "wolontariat",
        "title": "Wolontariusze w klubach",
        "body": "Praca z wolontariuszami w Klubach Integracji Społecznej wymaga szkoleń.",
    },
    {
        "id": "budzet",
        "title": "Budżet gminy",
        "body": "Z budżetu gminy finansuje się centrum integracji społecznej i świadczenia.",
    },
    {
        "id": "pakt",
        "title": "Pakt na rzecz Modelu Lokalnej Współpracy",
        "body": "Pakt podpisały gminy i organizacje w sieci partnerów.",
    },
]
FIELDS = ["title", "body"]
QUERIES = {
    "osrodek sektorowej animacji": "osar",
    "wolontariuszami": "wolontariat",
    "budzet gminy": "budzet",
    "paktem modelu": "pakt",
    "animator": "osar",
    "KIS-ów wolontariusz": "wolontariat",
}


def build_index() -> Any:
    builder = make_builder()
    builder.ref("id")
    for field in FIELDS:
        builder.field(field)
    for document in DOCUMENTS:
        builder.add(document)
    return builder.build()


def test_lunr_py_index_answers_polish_queries() -> None:
    index = build_index()
    for query, expected in QUERIES.items():
        results = index.search(query)
        assert results, query
        assert results[0]["ref"] == expected, (query, results)


def test_lunr_py_loads_its_serialised_index() -> None:
    serialised = json.loads(json.dumps(build_index().serialize()))
    assert serialised["pipeline"] == [PIPELINE_LABEL]
    lunr_pipeline_function()
    index = Index.load(serialised)
    assert index.search("budzet gminy")[0]["ref"] == "budzet"


def test_configure_builder_replaces_the_english_pipeline() -> None:
    builder = configure_builder(make_builder())
    assert builder.pipeline.serialize() == [PIPELINE_LABEL]
    assert builder.search_pipeline.serialize() == [PIPELINE_LABEL]


def test_lunr_js_queries_a_python_built_index() -> None:
    index = build_index()
    serialised = json.loads(json.dumps(index.serialize()))
    queries = list(QUERIES)
    answer = run_node(
        {
            "op": "lunr",
            "index": serialised,
            "queries": queries,
            "prefixQuery": "reintegr",
            "documents": DOCUMENTS,
            "fields": FIELDS,
        }
    )
    assert answer["warnings"] == []
    assert answer["pipeline"] == [PIPELINE_LABEL]
    for query, parsed, direct in zip(queries, answer["parsed"], answer["direct"], strict=True):
        assert parsed, f"lunr.js query parser found nothing for {query!r}"
        assert parsed[0] == QUERIES[query], (query, parsed)
        assert direct[0] == QUERIES[query], (query, direct)
    assert answer["prefix"] == ["osar"]
    python_terms = sorted(term for term, _posting in serialised["invertedIndex"])
    assert answer["jsTerms"] == python_terms
