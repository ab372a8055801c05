"""Dataset charts: labels from the `columns` mapping, escaping, and what is left out."""

from __future__ import annotations

from ksr_library.charts import HEIGHT, column_labels, column_problems, dataset_chart

ROWS = [["rok", "cis", "uwagi"], ["2014", "132", "MPiPS"], ["2016", "1 59,5", ""], ["2019", "", "GUS"]]


def test_labels_from_the_mapping_fall_back_to_the_header() -> None:
    assert column_labels(["rok", "cis", "kis"], {"cis": "Centra (CIS)"}) == ["rok", "Centra (CIS)", "kis"]


def test_a_mapping_key_that_is_no_column_is_reported() -> None:
    assert column_problems(["rok", "cis"], {"cis": "Centra", "ksi": "Kluby"}) == [
        "'ksi' is not a column of the CSV file; its columns are 'rok', 'cis'"
    ]
    assert column_problems(["rok", "cis"], {}) == []


def test_chart_has_fixed_pixel_text_and_polish_numbers() -> None:
    svg = dataset_chart(ROWS, "Tytuł", {"cis": "Centra <b>CIS</b>"})
    assert f'width="100%" height="{HEIGHT}"' in svg and "viewBox" not in svg
    assert '<g font-size="14">' in svg
    assert "Centra &lt;b&gt;CIS&lt;/b&gt;" in svg and "<b>" not in svg
    assert "<title>2016, Centra &lt;b&gt;CIS&lt;/b&gt;: 159,5</title>" in svg
    assert svg.count("<rect x=") == 2  # the empty 2019 cell is a gap; the text column is no series
    assert ">uwagi<" not in svg and "MPiPS" not in svg


def test_nothing_numeric_gives_no_chart() -> None:
    assert dataset_chart([["a", "b"], ["x", "y"]], "T") == ""
    assert dataset_chart([["a", "b"]], "T") == ""
    assert dataset_chart([["a", "b"], ["x", "nan"], ["y", "inf"]], "T") == ""
