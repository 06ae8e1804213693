"""Appendix Two extractor: each PDF-to-text artefact by fixture, the CSV rendering, the shipped
places and NGO files, and (when the paper is present) regenerate-and-diff of ngos.csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from rcx.loaders.appendix_two import (
    ARTEFACT_DROPPED,
    BLANK_IN_URL,
    CSV_COLUMNS,
    DOUBTFUL,
    NAME_DATA_ONE_LINE,
    PAGE_BREAK_IN_NAME,
    PAGE_BREAK_IN_URL,
    ROLES,
    AppendixParseError,
    AppendixRow,
    extract_from_paper,
    load_places_lookup,
    parse_appendix_two,
    rows_to_csv,
    slugify,
    split_places,
)
from rcx.loaders.csvrows import element_row_to_dict
from rcx.schema.models import Element

FIXTURES = Path(__file__).parent / "fixtures" / "appendix_two"
REPO = Path(__file__).resolve().parents[1]
ELEMENTS = REPO / "rcx_data" / "human_trafficking" / "elements"
NGOS_CSV = ELEMENTS / "ngos.csv"
PLACES_YAML = ELEMENTS / "places.yaml"
_PAPER_REL = "shared/source/regime-complex-paper.txt"
PAPER_CANDIDATES = (Path(__file__).parents[2] / _PAPER_REL, REPO.parent / _PAPER_REL)
PAPER = next((p for p in PAPER_CANDIDATES if p.is_file()), None)
needs_paper = pytest.mark.skipif(PAPER is None, reason=f"paper not found at {PAPER_CANDIDATES[0]}")

R = AppendixRow


def parse_fixture(name: str) -> list[AppendixRow]:
    return parse_appendix_two((FIXTURES / name).read_text(encoding="utf-8"))


def repairs_of(rows: list[AppendixRow]) -> dict[str, tuple[str, ...]]:
    return {r.name: r.repairs for r in rows if r.repairs}


def test_fixtures_keep_their_trailing_spaces() -> None:
    """The parser reads a trailing space as 'this cell line ends here'; an editor that strips
    trailing whitespace would silently change the fixtures' meaning."""
    for path in FIXTURES.glob("*.txt"):
        assert any(line.endswith(" ") for line in path.read_text("utf-8").split("\n")), path


# ------------------------------------------------------------------------------------------
# One fixture per artefact
# ------------------------------------------------------------------------------------------


def test_header_skipped_and_split_cells_rejoined() -> None:
    """Names over several lines, URLs split mid-word, multi-line working locations, a name
    broken mid-word after a hyphen, a URL without a scheme."""
    rows = parse_fixture("header_and_split_cells.txt")
    assert rows == [
        R("3Strands", "US", "US, Cambodia, Nepal", "http://www.3strandsglobal.com/", 41),
        R("5 Stones", "US", "US", "http://5-stones.org/", 52),
        R("Abolish Slavery Coalition", "US", "Global", "http://abolishslavery.org/", 58),
        R("Abolition Now", "US", "US", "http://abolitionnow.com/", 67),
        R("ABC Nepal", "Nepal", "Nepal", "abcnepal.org", 74),
        R("Abeni", "US", "US", "http://www.abeni.org/", 80),
        R(
            "Citizens\u2019 Association to Combat Human Trafficking and all Forms of "
            "Gender-Based Violence",
            "Serbia",
            "Serbia",
            "http://www.atina.org.rs/",
            86,
        ),
    ]
    assert repairs_of(rows) == {}


def test_page_break_inside_a_row() -> None:
    """A page break continues the open URL (and, before it, the name); the next row may follow
    the page-break line without a blank line."""
    rows = parse_fixture("page_break_in_row.txt")
    assert rows == [
        R("A21 Campaign", "US", "Global", "http://www.a21.org/", 1),
        R(
            "ACT (Against Child Trafficking)",
            "Netherlands",
            "Global",
            "http://www.againstchildtrafficking.org/",
            7,
        ),
        R("ACT Alberta", "Canada", "Canada", "http://www.actalberta.org/", 15),
        R("California Against Slavery", "US", "US", "http://californiaagainstslavery.org/", 22),
        R("Called2Rescue", "US", "US", "http://called2rescue.org/", 31),
        R(
            "Cambridge Centre for Applied Research in Human Trafficking",
            "UK",
            "Global",
            "http://www.ccarht.org/",
            36,
        ),
        R("Prerana", "India", "India", "http://www.preranaantitrafficking.org/index.htm", 46),
        R("Project Exodus", "US", "US", "https://sites.google.com/site/projectxodus/", 54),
    ]
    assert repairs_of(rows) == {
        "ACT (Against Child Trafficking)": (PAGE_BREAK_IN_URL, PAGE_BREAK_IN_NAME),
        "Called2Rescue": (PAGE_BREAK_IN_URL,),
        "Prerana": (PAGE_BREAK_IN_URL,),
    }


def test_wikipedia_hyperlink_lines_are_dropped() -> None:
    """Repeated wiki links before a page break: after a finished row (not a repair of it) and
    inside a row whose URL then continues after the page break."""
    rows = parse_fixture("wikipedia_artefacts.txt")
    assert rows == [
        R(
            "Destiny Rescue",
            "NZ, Australia and US",
            "South East Asia",
            "https://www.destinyrescue.org",
            1,
        ),
        R("Door to Grace", "US", "US", "http://www.doortograce.org/", 18),
        R("Global Centurion", "US", "Global", "http://www.globalcenturion.org/", 25),
        R("Global Seesaw", "UK", "India", "http://www.globalseesaw.co.uk/", 37),
    ]
    assert repairs_of(rows) == {"Global Centurion": (ARTEFACT_DROPPED, PAGE_BREAK_IN_URL)}
    assert not any("wikipedia" in (r.website or "") for r in rows)


def test_name_and_hq_on_one_line() -> None:
    """The blank role cells as a gap inside a line, or at the start of the data line."""
    rows = parse_fixture("name_and_hq_one_line.txt")
    assert rows == [
        R("EPIK Project", "US", "US", "http://epikproject.org/", 1),
        R("Escape to Peace", "US", "US", "http://www.escapetopeace.com/", 7),
        R("FAAST International", "US", "Global", "http://faastinternational.org/", 11),
        R(
            "Laboratory to Combat Human Trafficking",
            "US",
            "US",
            "http://www.combathumantrafficking.org/",
            20,
        ),
        R("Love 146", "UK US", "Asia", "https://love146.org/", 29),
        R("Love True", "US", "US", "http://www.love-true.org/", 35),
    ]
    assert repairs_of(rows) == {
        "Escape to Peace": (NAME_DATA_ONE_LINE,),
        "Love 146": (NAME_DATA_ONE_LINE,),
    }


def test_injected_url_inside_another_rows_url() -> None:
    """SW Florida's link, dumped at the page end, lands inside We Are Cherished's URL; it is
    dropped, and the URL is rejoined across the page break. WellHouse's URL has a blank line
    in it."""
    rows = parse_fixture("injected_url.txt")
    assert rows == [
        R(
            "SW Florida Regional Human Trafficking Coalition",
            "US",
            "US",
            "http://swfl-humantrafficking.org/",
            1,
        ),
        R(
            "Visayan Forum Foundation",
            "Philippines",
            "Philippines",
            "http://www.visayanforum.org/wp/",
            12,
        ),
        R("We Are Cherished", "US", "US", "http://www.wearecherished.com/", 21),
        R("WellHouse", "US", "US", "http://the-wellhouse.org/", 29),
        R("Wellspring Living", "US", "US", "wellspringliving.org", 34),
    ]
    assert repairs_of(rows) == {
        "We Are Cherished": (ARTEFACT_DROPPED, PAGE_BREAK_IN_URL),
        "WellHouse": (NAME_DATA_ONE_LINE, BLANK_IN_URL),
    }


def test_multi_value_and_multi_line_hq() -> None:
    """A multi-line HQ cell is its own block; the working locations follow as the next block
    or on the first URL line."""
    rows = parse_fixture("multi_value_hq.txt")
    assert rows == [
        R("Freedom Firm", "US/ India", "India", "http://www.freedom.firm.in/", 1),
        R("Freedom Place", "US", "US", "http://www.arrow.org/", 11),
        R("Hope for Justice", "US", "US, UK, Norway, Cambodia", "http://hopeforjustice.org/", 17),
        R("NVADER", "NZ Thailand", "Thailand", "http://www.nvader.org/", 28),
        R("Oasis USA", "US", "Global", "http://oasisusa.org/", 37),
        R(
            "Prevent Human Trafficking Institute",
            "US South East Asia",
            "South East Asia",
            "http://preventhumantrafficking.org/",
            43,
        ),
        R("Women at Risk International", "US", "US and Asia", "http://warinternational.org/", 59),
    ]
    assert repairs_of(rows) == {}


def test_synthetic_rules() -> None:
    """A multi-word HQ sharing a line, a scheme-less URL starting without a dot, and a last
    row whose URL is still open at the end of the text."""
    rows = parse_fixture("synthetic_rules.txt")
    assert rows == [
        R("Example Trust", "New Zealand", "Global", "http://example.org/", 1),
        R("Foo Bar (FB)", "US", "South East Asia", "foobar.org", 4),
        R("Last Row", "US", "US", "http://last.example", 13),
    ]


def test_too_many_blocks_is_an_error() -> None:
    text = "Odd Row \n   \n\nUS \n\nUK \n\nNepal \n\nhttp://odd.org/ \n"
    with pytest.raises(AppendixParseError, match=r"line 1 \(Odd Row\): 3 text blocks"):
        parse_appendix_two(text)


def test_repairs_do_not_affect_equality_and_rows_are_frozen() -> None:
    a = R("X", "US", "US", "http://x.org/", 1, repairs=(PAGE_BREAK_IN_URL,))
    assert a == R("X", "US", "US", "http://x.org/", 1)
    with pytest.raises(AttributeError):
        a.name = "Y"  # type: ignore[misc]


def test_extract_from_paper_slices_and_keeps_paper_line_numbers(tmp_path: Path) -> None:
    table = (FIXTURES / "header_and_split_cells.txt").read_text("utf-8")
    body = "I Introduction \n\nSome body text naming 3Strands \nhttp://www.\n"
    paper = tmp_path / "paper.txt"
    paper.write_text(body + table, encoding="utf-8")
    rows = extract_from_paper(paper)
    assert [r.name for r in rows][:2] == ["3Strands", "5 Stones"]
    assert rows[0].line == 41 + body.count("\n")
    (tmp_path / "none.txt").write_text(body, encoding="utf-8")
    with pytest.raises(AppendixParseError, match="no 'VII Appendix Two' heading"):
        extract_from_paper(tmp_path / "none.txt")


def test_parse_is_deterministic() -> None:
    text = (FIXTURES / "page_break_in_row.txt").read_text("utf-8")
    first = parse_appendix_two(text)
    assert parse_appendix_two(text) == first
    assert [r.repairs for r in parse_appendix_two(text)] == [r.repairs for r in first]


def test_crlf_text_parses_the_same() -> None:
    text = (FIXTURES / "injected_url.txt").read_text("utf-8")
    crlf = parse_appendix_two(text.replace("\n", "\r\n"))
    assert crlf == parse_appendix_two(text)
    assert [r.repairs for r in crlf] == [r.repairs for r in parse_appendix_two(text)]


# ------------------------------------------------------------------------------------------
# Ids, places, CSV
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Courtney\u2019s House", "courtneys-house"),
        ("Deborah's Gate", "deborahs-gate"),
        ("A21 Campaign", "a21-campaign"),
        ("3Strands", "3strands"),
        ("ACT (Against Child Trafficking)", "act-against-child-trafficking"),
        ("Task Force on Human Trafficking, ATZUM", "task-force-on-human-trafficking-atzum"),
        ("Forms of Gender-Based Violence", "forms-of-gender-based-violence"),
        ("Caf\u00e9 Libert\u00e9", "cafe-liberte"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


LOOKUP = {
    "United States": "united-states",
    "US": "united-states",
    "NZ": "new-zealand",
    "Australia": "australia",
    "South East Asia": "south-east-asia",
    "Global": "global",
    "India": "india",
    "UK": "united-kingdom",
    "Thailand": "thailand",
    "Cambodia": "cambodia",
    "Nepal": "nepal",
}


@pytest.mark.parametrize(
    ("cell", "ids"),
    [
        ("US", ["united-states"]),
        ("NZ, Australia and US", ["new-zealand", "australia", "united-states"]),
        ("US/ India", ["united-states", "india"]),
        ("UK US", ["united-kingdom", "united-states"]),
        ("US South East Asia", ["united-states", "south-east-asia"]),
        ("US, South East Asia", ["united-states", "south-east-asia"]),
        ("US, Cambodia, Nepal", ["united-states", "cambodia", "nepal"]),
        ("us and us", ["united-states"]),
    ],
)
def test_split_places(cell: str, ids: list[str]) -> None:
    assert split_places(cell, LOOKUP) == ids


def test_split_places_rejects_unknown_words() -> None:
    with pytest.raises(ValueError, match="unknown place 'Atlantis'"):
        split_places("US and Atlantis", LOOKUP)


def test_rows_to_csv_exact() -> None:
    rows = [
        R("A21 Campaign", "US", "Global", "http://www.a21.org/", 1),
        R(
            "Awareness Against Human Trafficking (HAART)",
            "NZ",
            "US, Cambodia, Nepal",
            "http://haartkenya.org/",
            5,
            repairs=(PAGE_BREAK_IN_URL,),
        ),
        R("A21 campaign", "UK", "India", "a21.example", 9),
    ]
    expected = (
        ",".join(CSV_COLUMNS) + "\n"
        "a21-campaign,ngo,A21 Campaign,,US,Global,united-states,global,http://www.a21.org/,"
        "yes,unknown,unknown,II.C.3(a)(i),115,VII,,,\n"
        "awareness-against-human-trafficking-haart,ngo,Awareness Against Human Trafficking "
        '(HAART),HAART,NZ,"US, Cambodia, Nepal",new-zealand,united-states;cambodia;nepal,'
        "http://haartkenya.org/,unknown,unknown,unknown,,,VII,,extraction,PDF-to-text "
        "artefacts repaired: the website was split by a page break and rejoined.\n"
        "a21-campaign-2,ngo,A21 campaign,,UK,India,united-kingdom,india,a21.example,"
        "unknown,unknown,unknown,,,VII,,editorial,Its name gives the same id as an earlier "
        "row (a21-campaign); suffixed -2.\n"
    )
    assert rows_to_csv(rows, LOOKUP) == expected


def test_rows_to_csv_names_the_row_with_an_unknown_place() -> None:
    rows = [R("Somewhere Trust", "Atlantis", "US", "http://x.org/", 7)]
    with pytest.raises(ValueError, match=r"line 7 \(Somewhere Trust\): unknown place"):
        rows_to_csv(rows, LOOKUP)


def test_fixture_rows_render_to_valid_elements() -> None:
    rows = [
        r
        for f in sorted(FIXTURES.glob("*.txt"))
        if f.name != "synthetic_rules.txt"
        for r in parse_fixture(f.name)
    ]
    text = rows_to_csv(rows, load_places_lookup(PLACES_YAML))
    for row in csv.DictReader(io.StringIO(text)):
        Element.model_validate(element_row_to_dict(row))


# ------------------------------------------------------------------------------------------
# The shipped files
# ------------------------------------------------------------------------------------------

REQUIRED_STATES = {
    "thailand",
    "myanmar",
    "senegal",
    "mali",
    "botswana",
    "new-zealand",
    "united-states",
    "india",
    "cambodia",
    "china",
    "laos",
    "vietnam",
    "algeria",
    "south-africa",
    # Geneva Group of Friends (II.C.2(b), fn 103)
    "bahrain",
    "bangladesh",
    "belarus",
    "bolivia",
    "ecuador",
    "egypt",
    "kazakhstan",
    "kyrgyzstan",
    "libya",
    "nicaragua",
    "nigeria",
    "qatar",
    "russia",
    "singapore",
    "tajikistan",
    "turkmenistan",
    "united-arab-emirates",
    "uzbekistan",
    "venezuela",
}
REQUIRED_REGIONS = {
    "global",
    "south-east-asia",
    "europe",
    "eastern-europe",
    "asia",
    "southern-africa",
    "africa",
    "middle-east",
    "south-america",
    "greater-mekong-subregion",
}


def _places() -> list[Element]:
    return [Element.model_validate(r) for r in yaml.safe_load(PLACES_YAML.read_text("utf-8"))]


def _ngo_rows() -> list[dict[str, str]]:
    with NGOS_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_places_yaml_is_valid_and_complete() -> None:
    places = _places()
    by_id = {p.id: p for p in places}
    assert len(by_id) == len(places)
    assert {p.kind.value for p in places} == {"state", "region"}
    assert {p.id for p in places if p.kind.value == "state"} >= REQUIRED_STATES
    assert {p.id for p in places if p.kind.value == "region"} >= REQUIRED_REGIONS
    aliases = [a.casefold() for p in places for a in p.aliases]
    assert len(aliases) == len(set(aliases))
    for p in places:
        assert (p.iso3166 is not None) == (p.kind.value == "state"), p.id
    assert by_id["united-kingdom"].iso3166 == "GB"
    assert by_id["norway"].iso3166 == "NO"  # not YAML 1.1's boolean false
    assert "Burma" in by_id["myanmar"].aliases
    assert "Kyrgyz Republic" in by_id["kyrgyzstan"].aliases
    assert "UAE" in by_id["united-arab-emirates"].aliases
    assert by_id["global"].name == "Global"


def test_shipped_ngos_csv_is_valid() -> None:
    rows = _ngo_rows()
    assert tuple(rows[0]) == CSV_COLUMNS
    places = {p.id for p in _places()}
    ids = set()
    for row in rows:
        el = Element.model_validate(element_row_to_dict(row))
        assert el.kind.value == "ngo"
        assert el.provenance.section == "VII"
        assert set(el.headquarters) | set(el.works_in) <= places, el.id
        assert len(el.notes) <= 1
        ids.add(el.id)
    assert len(ids) == len(rows)
    assert set(ROLES) <= ids
    assert set(DOUBTFUL) <= ids


def test_every_place_in_the_table_is_in_places_yaml() -> None:
    lookup = load_places_lookup(PLACES_YAML)
    for row in _ngo_rows():
        for cell in ("hq_as_written", "works_in_as_written"):
            split_places(row[cell], lookup)


def test_roles_only_where_the_body_states_them() -> None:
    by_id = {r["id"]: r for r in _ngo_rows()}
    assert by_id["freedom-firm"]["prevention"] == "no"
    assert by_id["freedom-firm"]["roles_section"] == "III.A.2"
    assert by_id["she-rescue-home"]["roles_footnotes"] == "261;262;263"
    for rid, row in by_id.items():
        known = [row[f] for f in ("prevention", "protection", "prosecution") if row[f] != "unknown"]
        assert bool(known) == (rid in ROLES), rid


@needs_paper
def test_regenerating_from_the_paper_reproduces_ngos_csv() -> None:
    assert PAPER is not None
    rows = extract_from_paper(PAPER)
    assert len(rows) == 177  # the paper (II.C.3(a)) says 178
    regenerated = rows_to_csv(rows, load_places_lookup(PLACES_YAML))
    assert regenerated == NGOS_CSV.read_text(encoding="utf-8")


@needs_paper
def test_real_table_landmarks() -> None:
    assert PAPER is not None
    rows = {r.name: r for r in extract_from_paper(PAPER)}
    assert rows["3Strands"].line == 1614
    assert rows["ZOE International"].website == "www.gozoe.org/"
    assert rows["Global Centurion"].website == "http://www.globalcenturion.org/"
    assert rows["We Are Cherished"].website == "http://www.wearecherished.com/"
    assert rows["Love 146"].hq == "UK US"
    assert not any("wikipedia" in (r.website or "") for r in rows.values())
    assert all(r.hq and r.works_in and r.website for r in rows.values())
