"""The shipped footnote → cited-work table (rcx_data/human_trafficking/citations.csv)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rcx.schema.models import Citation  # noqa: E402

CSV_PATH = ROOT / "rcx_data" / "human_trafficking" / "citations.csv"
SCRIPT = ROOT / "scripts" / "extract_citations.py"
PAPER = ROOT / ".." / "shared" / "source" / "regime-complex-paper.txt"
FIELDS = ["footnote", "cited_work", "pinpoint", "section"]

# Footnotes whose text the PDF-to-text extraction kept (hand-checked against the source).
SURVIVING = [*range(1, 127), 128, 130, *range(230, 242)]


def _rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == FIELDS
        return list(reader)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return _rows()


@pytest.fixture(scope="module")
def by_number(rows: list[dict[str, str]]) -> dict[int, dict[str, str]]:
    return {int(r["footnote"]): r for r in rows}


def test_csv_parses_and_every_row_is_a_citation(rows: list[dict[str, str]]) -> None:
    assert rows
    for r in rows:
        Citation(
            footnote=int(r["footnote"]),
            cited_work=r["cited_work"],
            pinpoint=r["pinpoint"] or None,
            section=r["section"] or None,
        )


def test_footnotes_unique_ascending_in_range(rows: list[dict[str, str]]) -> None:
    numbers = [int(r["footnote"]) for r in rows]
    assert numbers == sorted(set(numbers))
    assert all(1 <= n <= 329 for n in numbers)


def test_exactly_the_surviving_footnotes(rows: list[dict[str, str]]) -> None:
    assert [int(r["footnote"]) for r in rows] == SURVIVING


def test_every_row_has_a_work_and_a_section(rows: list[dict[str, str]]) -> None:
    for r in rows:
        assert r["cited_work"].strip(), r
        assert r["cited_work"] == r["cited_work"].strip()
        assert r["section"], r


def test_short_forms_are_resolved(rows: list[dict[str, str]]) -> None:
    for r in rows:
        work = r["cited_work"]
        if "full reference lost in extraction" in work:
            continue
        assert "above n" not in work, r
        assert not work.startswith(("At ", "Art ", "Arts ", "Above n", "See ")), r


def test_spot_checks(by_number: dict[int, dict[str, str]]) -> None:
    # n 7 (Introduction): the full reference, with its pinpoint split off
    n7 = by_number[7]
    assert n7["cited_work"].startswith("Anne Gallagher and Joy Ezeilo “The UN Special Rapporteur")
    assert "(2015) 37(4) Human Rights Quarterly 913" in n7["cited_work"]
    assert (n7["pinpoint"], n7["section"]) == ("at 914", "I")
    # n 8 "At 915." → n 7's work
    assert by_number[8]["cited_work"] == n7["cited_work"]
    assert by_number[8]["pinpoint"] == "at 915"
    # n 16: the marker is set off by a space ("described as: 16")
    n16 = by_number[16]
    assert n16["cited_work"].startswith("Frank Biermann and others")
    assert "The Fragmentation of Global Governance Architectures" in n16["cited_work"]
    assert "(2009) 9(4) Global Environmental Politics 14" in n16["cited_work"]
    assert (n16["pinpoint"], n16["section"]) == ("at 16", "II.A")
    # n 15 "Keohane and Victor, above n 14, at 7." → the first of n 14's three works
    assert by_number[15]["cited_work"].startswith("Robert Keohane and David Victor")
    assert "Betts" not in by_number[15]["cited_work"]
    assert by_number[15]["pinpoint"] == "at 7"
    # n 35: the Trafficking Protocol, as the paper prints it (2337, not the real 2237 UNTS 319)
    n35 = by_number[35]
    assert n35["cited_work"].startswith("Protocol to Prevent, Suppress and Punish Trafficking")
    assert "2337 UNTS 343" in n35["cited_work"]
    assert n35["section"] == "II.C.1(a)(i)"
    # n 36 "Protocol …, above n 35." → n 35's work (its first; n 35 also cites Gallagher)
    n36 = by_number[36]
    assert n35["cited_work"].startswith(n36["cited_work"] + "; Anne Gallagher and Joy Ezeilo")
    assert "2337 UNTS 343" in n36["cited_work"]
    assert n36["pinpoint"] == ""
    # n 44 "Art 5." → the Protocol, art 5
    assert (by_number[44]["cited_work"], by_number[44]["pinpoint"]) == (n36["cited_work"], "art 5")
    # nn 50–54 chain of "Art"s back to the European Trafficking Convention (n 49)
    for n, pin in [(50, "art 18"), (51, "art 5(3)"), (53, "arts 5-6"), (54, "arts 7 and 17")]:
        assert by_number[n]["cited_work"] == by_number[49]["cited_work"], n
        assert by_number[n]["pinpoint"] == pin
    assert "Council of Europe Treaty Series 197" in by_number[49]["cited_work"]
    # n 61 continues on the next page's footnote block
    assert by_number[61]["cited_work"].endswith("(1996) 59(4) Law and Contemporary Problems 63")
    # n 67 "“Commentary, above n 63, at 16." → n 63
    assert by_number[67]["cited_work"] == by_number[63]["cited_work"]
    assert by_number[67]["pinpoint"] == "at 16"
    # n 101 "At [7]." → ECOSOC Res 2008/33, pinpoint [7]
    assert "ECOSOC Res 2008/33" in by_number[101]["cited_work"]
    assert by_number[101]["pinpoint"] == "[7]"
    # n 128 survives as an orphan line; the footnote it points back to (127) is lost
    assert by_number[128]["cited_work"].startswith("At 389")
    assert "(full reference lost in extraction)" in by_number[128]["cited_work"]
    assert by_number[128]["section"] == "II.C.3(a)(iv)"
    # n 238 "Fitzpatrick, above n 228, at 1153." → n 228 is lost; n 239 "At 1153." follows it
    assert by_number[238]["cited_work"].startswith("Fitzpatrick, above n 228")
    assert "(full reference lost in extraction)" in by_number[238]["cited_work"]
    assert by_number[239]["cited_work"] == by_number[238]["cited_work"]
    assert by_number[238]["section"] == "III.A.4"
    # n 240 "Kempadoo, Sanghera and Pattanaik, above n 11, at 11." → n 11
    assert by_number[240]["cited_work"] == by_number[11]["cited_work"]


def test_sections(by_number: dict[int, dict[str, str]]) -> None:
    expected = {
        1: "I",
        12: "I",
        13: "II.A",
        24: "II.B",
        34: "II.C.1",
        47: "II.C.1(a)(i)",
        48: "II.C.1(a)(ii)",
        60: "II.C.1(a)(iii)",
        62: "II.C.1(b)",
        91: "II.C.1(b)",
        92: "II.C.2(a)",
        103: "II.C.2(b)",
        109: "II.C.3",
        111: "II.C.3(a)",
        113: "II.C.3(a)(i)",
        119: "II.C.3(a)(ii)",
        123: "II.C.3(a)(iii)",
        126: "II.C.3(a)(iv)",
        130: "II.C.3(b)",
        230: "III.A.4",
        241: "III.A.4",
    }
    assert {n: by_number[n]["section"] for n in expected} == expected


@pytest.mark.skipif(not PAPER.is_file(), reason="source paper not available")
def test_extractor_reproduces_shipped_csv(tmp_path: Path) -> None:
    out = tmp_path / "citations.csv"
    subprocess.run([sys.executable, str(SCRIPT), str(PAPER), str(out)], check=True, cwd=ROOT)
    assert out.read_bytes() == CSV_PATH.read_bytes()
