"""The files a site has besides its pages, written by the output writer."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REK, write_tree
from ksr_library.checking import check_library
from ksr_library.normalising import normalise_library
from ksr_library.outputs import write_outputs


def test_the_writer_writes_the_catalogue_feed_redirects_and_the_given_files(tmp_path: Path) -> None:
    library = write_tree(
        tmp_path / "library",
        {
            "a.md": REK.format(id="REK-01", title="Pierwsza", body="Tekst.\n").replace(
                "title: Pierwsza", "title: Pierwsza\naliases: [REK-1]"
            ),
            "b.md": REK.format(id="REK-02", title="Druga", body="Tekst.\n"),
        },
    )
    index = normalise_library(check_library(library))
    site = tmp_path / "site"
    files = {"dokumenty/rek-01/cytowanie.ris": b"TY  - RPRT\n"}
    count = write_outputs(site, index, files, site_url="https://example.org/", site_name="Biblioteka")
    assert count == 4, "r/ for REK-01, REK-02 and the former id REK-1, and the former id's old page"
    assert [d["id"] for d in json.loads((site / "library.json").read_text(encoding="utf-8"))["documents"]] == [
        "REK-01",
        "REK-02",
    ]
    assert "https://example.org/dokumenty/rek-02/" in (site / "feed.xml").read_text(encoding="utf-8")
    assert "dokumenty/rek-01/" in (site / "r/REK-1/index.html").read_text(encoding="utf-8")
    assert "rek-01/" in (site / "dokumenty/rek-1/index.html").read_text(encoding="utf-8")
    assert (site / "dokumenty/rek-01/cytowanie.ris").read_bytes() == b"TY  - RPRT\n"
