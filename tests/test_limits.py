"""Bounded inputs and the validation gaps of issue 14: each a clean error, exit 2, nothing written.

Hostile YAML (alias expansion, deep nesting, huge scalars) is run in a subprocess with a
timeout, so that a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx.cli import app
from rcx.loaders import load_dataset
from rcx.loaders.limits import Limits
from rcx.schema.errors import DataError, RcxError

runner = CliRunner()

LAUGHS = "".join(
    ["- &a0 {id: x, kind: ngo, name: [lol, lol, lol, lol, lol, lol, lol, lol, lol]}\n"]
    + [f"- &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)]
)


def rcx(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "rcx.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def one_error(stderr: str, *fragments: str) -> None:
    assert stderr.count("error:") == 1 and "Traceback" not in stderr, stderr
    for fragment in fragments:
        assert fragment in stderr, stderr


def test_billion_laughs_is_refused(mini: Path, tmp_path: Path) -> None:
    (mini / "elements" / "laughs.yaml").write_text(LAUGHS)
    target = tmp_path / "g.json"
    proc = rcx("export", "-f", "node-link", "-o", str(target), "--data", str(mini))
    assert proc.returncode == 2
    one_error(proc.stderr, "laughs.yaml", "aliases (*name) are not allowed")
    assert not target.exists()


def test_anchor_and_alias_in_one_record_is_refused(mini: Path) -> None:
    (mini / "elements" / "a.yaml").write_text(
        "- {id: x, kind: ngo, name: &n Name, aliases: [*n], provenance: {section: VII}}\n"
    )
    with pytest.raises(DataError, match="aliases"):
        load_dataset(mini)


def test_deep_nesting_is_refused_without_recursion_error(mini: Path) -> None:
    for depth, fragment in ((60, "nested more than"), (200_000, "not valid YAML")):
        (mini / "elements" / "deep.yaml").write_text("- " + "[" * depth + "]" * depth + "\n")
        proc = rcx("validate", "--data", str(mini))
        assert proc.returncode == 2, proc.stderr
        one_error(proc.stderr, "deep.yaml", fragment)


def test_file_size_limit(mini: Path) -> None:
    (mini / "elements" / "big.yaml").write_text("# " + "x" * 5000 + "\n")
    proc = rcx("validate", "--data", str(mini), env={"RCX_MAX_FILE_BYTES": "4096"})
    assert proc.returncode == 2
    one_error(proc.stderr, "big.yaml", "more than the limit of 4096", "RCX_MAX_FILE_BYTES")


def test_huge_scalar_is_refused_quickly(mini: Path) -> None:
    # 8 MB of one scalar: the pure-Python reader took minutes on 50 MB; libyaml and the
    # text cap answer at once
    text = mini / "elements" / "core.yaml"
    text.write_text(
        text.read_text().replace(
            "name: Land\n", "name: Land\n  description: " + "y" * 8_000_000 + "\n"
        )
    )
    proc = rcx("validate", "--data", str(mini))
    assert proc.returncode == 2
    one_error(proc.stderr, "core.yaml", "field 'description'", "RCX_MAX_TEXT_CHARS")
    assert len(proc.stderr) < 1000


def test_record_count_limit(mini: Path) -> None:
    proc = rcx("validate", "--data", str(mini), env={"RCX_MAX_RECORDS": "3"})
    assert proc.returncode == 2
    # validate reports every error at once: one per folder over the limit, nothing else
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert [("elements/" in ln, "relations/" in ln) for ln in lines] == [
        (True, False),
        (False, True),
    ]
    assert all("more than 3 records" in ln and "RCX_MAX_RECORDS" in ln for ln in lines)


def test_limits_from_env_refuse_nonsense() -> None:
    assert Limits.from_env({}) == Limits()
    assert Limits.from_env({"RCX_MAX_DEPTH": "5"}).depth == 5
    for bad in ("lots", "0"):
        with pytest.raises(RcxError, match="RCX_MAX_DEPTH"):
            Limits.from_env({"RCX_MAX_DEPTH": bad})


def test_a_100_kb_id_gives_a_short_error(mini: Path) -> None:
    ngos = mini / "elements" / "ngos.csv"
    ngos.write_text(ngos.read_text().replace("helpers,ngo", "h" + "x" * 100_000 + ",ngo", 1))
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 2
    one_error(result.stderr, "ngos.csv", "line 2", "RCX_MAX_ID_CHARS")
    assert len(result.stderr) < 1500


def test_a_long_bad_value_is_clipped_in_the_message(mini: Path) -> None:
    core = mini / "elements" / "core.yaml"
    core.write_text(core.read_text().replace("kind: regime", "kind: " + "k" * 50_000))
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 2
    one_error(result.stderr, "field 'kind'")
    assert len(result.stderr) < 1500


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "'NaN'", "'Infinity'"])
def test_non_finite_figure_values_are_refused(mini: Path, value: str) -> None:
    core = mini / "elements" / "core.yaml"
    core.write_text(
        core.read_text().replace(
            "  scope: global\n",
            f"  scope: global\n  figures: [{{label: parties, value: {value}}}]\n",
        )
    )
    with pytest.raises(DataError, match="figures") as exc:
        load_dataset(mini)
    assert "finite" in str(exc.value)


@pytest.mark.parametrize("char", ["\uffff", "\ufffe", "\x0b"])
def test_characters_xml_forbids_are_refused(mini: Path, char: str) -> None:
    ngos = mini / "elements" / "ngos.csv"
    ngos.write_text(
        ngos.read_text().replace("Shelter House", f"Shelter{char}House"), encoding="utf-8"
    )
    with pytest.raises(DataError, match=f"U\\+{ord(char):04X}") as exc:
        load_dataset(mini)
    assert "line 3" in str(exc.value) and "field 'name'" in str(exc.value)


def test_duplicate_csv_column(mini: Path) -> None:
    ngos = mini / "elements" / "ngos.csv"
    lines = ngos.read_text().splitlines()
    lines = [f"{line},x" if i else f"{line},name" for i, line in enumerate(lines)]
    ngos.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match="'name' appear more than once"):
        load_dataset(mini)


@pytest.mark.parametrize(
    "alias, fragment",
    [
        ("national statute", "already used by 'statute' (as its name)"),
        ("GLOBAL TREATY", "repeats the element's own name"),
        ("hlp", "alias 'HLP' is already used by 'treaty' (as its alias)"),
    ],
)
def test_aliases_may_not_equal_any_name_or_alias(mini: Path, alias: str, fragment: str) -> None:
    core = mini / "elements" / "core.yaml"
    core.write_text(
        core.read_text().replace("aliases: [The Treaty]", f"aliases: [The Treaty, {alias}]")
    )
    with pytest.raises(DataError, match="field 'aliases'") as exc:
        load_dataset(mini)
    assert fragment in str(exc.value)


def test_bom_and_crlf_are_accepted_in_csv_and_yaml(mini: Path, tmp_path: Path) -> None:
    plain = runner.invoke(
        app, ["export", "-f", "node-link", "-o", str(tmp_path / "a.json"), "--data", str(mini)]
    )
    assert plain.exit_code == 0, plain.output
    for path in [*mini.rglob("*.csv"), *mini.rglob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    crlf = runner.invoke(
        app, ["export", "-f", "node-link", "-o", str(tmp_path / "b.json"), "--data", str(mini)]
    )
    assert crlf.exit_code == 0, crlf.output
    a, b = (json.loads((tmp_path / n).read_text()) for n in ("a.json", "b.json"))
    assert a == b


@pytest.mark.parametrize("command", [["analyze", "--null-samples", "0"], ["view", "-o", "v.html"]])
@pytest.mark.parametrize("seed", ["-1", "99999999999999999999", "4294967296", "x"])
def test_seed_out_of_range_is_a_usage_error(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], seed: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*command, "--seed", seed, "--data", str(mini)])
    assert result.exit_code == 2, result.output
    assert "--seed" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "v.html").exists()
