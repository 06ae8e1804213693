"""Filesystem faults: each ends in one clean error (no traceback), its exit code, nothing written.

The 13 cases of issue 14 (and a few more): dangling links, link loops, folders and FIFOs
named like data files, unreadable files and folders; outputs over folders, under files, in
unwritable folders, or empty.  Permission cases run the real command as an unprivileged user
when the suite runs as root (root reads everything).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()
FILE_EXIT = 4


def tree(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for folders and other non-files)."""
    out: dict[str, bytes | None] = {}
    for p in sorted(root.rglob("*")):
        regular = p.is_file() and not p.is_symlink() and stat.S_ISREG(p.lstat().st_mode)
        out[str(p.relative_to(root))] = p.read_bytes() if regular else None
    return out


def clean_error(result: object, code: int, *fragments: str) -> None:
    stderr = result.stderr
    assert getattr(result, "exit_code", getattr(result, "returncode", None)) == code, stderr
    assert "Traceback" not in stderr and "Traceback" not in result.stdout
    assert stderr.count("error:") == 1, stderr
    for fragment in fragments:
        assert fragment in stderr, stderr


# ----------------------------------------------------------------------------- reads


def _dangling(root: Path) -> None:
    (root / "elements" / "ghost.yaml").symlink_to(root / "nowhere.yaml")


def _loop(root: Path) -> None:
    (root / "elements" / "a.yaml").symlink_to(root / "elements" / "b.yaml")
    (root / "elements" / "b.yaml").symlink_to(root / "elements" / "a.yaml")


def _meta_is_folder(root: Path) -> None:
    (root / "dataset.yaml").rename(root / "meta.txt")
    (root / "dataset.yaml").mkdir()


def _element_file_is_folder(root: Path) -> None:
    (root / "elements" / "more.yaml").mkdir()


def _device(root: Path) -> None:
    (root / "elements" / "null.yaml").symlink_to("/dev/null")


def _elements_is_file(root: Path) -> None:
    shutil.rmtree(root / "relations")
    (root / "relations").write_text("not a folder\n")


READ_CASES = {
    "dangling-symlink": (_dangling, ["ghost.yaml", "dangling symbolic link"]),
    "symlink-loop": (_loop, ["a.yaml", "symbolic link loop"]),
    "dataset-yaml-is-folder": (_meta_is_folder, ["dataset.yaml", "is a folder, not a file"]),
    "element-file-is-folder": (_element_file_is_folder, ["more.yaml", "is a folder"]),
    "device-named-like-data": (_device, ["null.yaml", "is a device"]),
    "relations-is-a-file": (_elements_is_file, ["relations", "not a folder"]),
}


@pytest.mark.parametrize("case", sorted(READ_CASES))
def test_read_fault_is_one_clean_error_and_writes_nothing(
    mini: Path, tmp_path: Path, case: str
) -> None:
    edit, fragments = READ_CASES[case]
    edit(mini)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = runner.invoke(
        app, ["export", "-f", "node-link", "-o", str(out_dir / "g.json"), "--data", str(mini)]
    )
    clean_error(result, FILE_EXIT, *fragments)
    assert tree(out_dir) == {}


def test_dataset_folder_is_a_file_or_dangling(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    clean_error(
        runner.invoke(app, ["validate", "--data", str(tmp_path / "file")]),
        FILE_EXIT,
        "dataset folder expected",
    )
    (tmp_path / "link").symlink_to(tmp_path / "gone")
    clean_error(
        runner.invoke(app, ["validate", "--data", str(tmp_path / "link")]),
        FILE_EXIT,
        "dangling symbolic link",
    )
    clean_error(
        runner.invoke(app, ["validate", "--data", str(tmp_path / "nope")]),
        FILE_EXIT,
        "dataset folder not found",
    )


def test_fifo_in_elements_never_blocks(mini: Path) -> None:
    os.mkfifo(mini / "elements" / "pipe.yaml")  # nobody ever writes to it
    proc = subprocess.run(
        [sys.executable, "-m", "rcx.cli", "validate", "--data", str(mini)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    clean_error(proc, FILE_EXIT, "pipe.yaml", "named pipe (FIFO)")


# ----------------------------------------------------------------------------- permissions


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder an unprivileged user can reach (pytest's is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="rcx-files-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for p in [path, *path.rglob("*")]:
            if not p.is_symlink():
                p.chmod(0o755)
        shutil.rmtree(path)


def rcx_as_user(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``rcx`` command, as an unprivileged user if the suite runs as root."""
    cmd = [sys.executable, "-m", "rcx.cli", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.fail("running as root needs setpriv (util-linux) to drop privileges")
        cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=120,
        cwd="/",
        env={**os.environ, "HOME": "/tmp"},
    )


def _mini_in(base: Path) -> Path:
    dst = base / "mini"
    shutil.copytree(FIXTURES / "mini", dst)
    for p in [dst, *dst.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dst


def test_unreadable_file(shared_tmp: Path) -> None:
    mini = _mini_in(shared_tmp)
    (mini / "elements" / "core.yaml").chmod(0)
    clean_error(
        rcx_as_user("validate", "--data", str(mini)),
        FILE_EXIT,
        "core.yaml",
        "permission denied",
        "chmod u+r",
    )


def test_unreadable_folder(shared_tmp: Path) -> None:
    mini = _mini_in(shared_tmp)
    (mini / "elements").chmod(0)
    clean_error(
        rcx_as_user("validate", "--data", str(mini)), FILE_EXIT, "elements", "permission denied"
    )


def test_unreadable_dataset_folder(shared_tmp: Path) -> None:
    mini = _mini_in(shared_tmp)
    mini.chmod(0)
    clean_error(
        rcx_as_user("validate", "--data", str(mini)), FILE_EXIT, "mini", "permission denied"
    )


def test_unwritable_folder_leaves_existing_file_intact(shared_tmp: Path) -> None:
    mini = _mini_in(shared_tmp)
    out = shared_tmp / "locked"
    out.mkdir()
    (out / "g.json").write_text("old\n")
    (out / "g.json").chmod(0o666)  # the file itself may be written; its folder may not
    out.chmod(0o555)
    before = tree(out)
    result = rcx_as_user(
        "export", "-f", "node-link", "-o", str(out / "g.json"), "--data", str(mini)
    )
    clean_error(result, FILE_EXIT, "locked", "permission denied")
    assert tree(out) == before


# ----------------------------------------------------------------------------- writes


def test_output_is_an_existing_folder(mini: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "work"
    (tmp_path / "dir").mkdir(parents=True)
    (tmp_path / "dir" / "keep.txt").write_text("mine")
    before = tree(tmp_path)
    result = runner.invoke(
        app, ["export", "-f", "graphml", "-o", str(tmp_path / "dir"), "--data", str(mini)]
    )
    clean_error(result, FILE_EXIT, "is a folder")
    assert tree(tmp_path) == before


def test_output_folder_is_an_existing_file(mini: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    (tmp_path / "taken").write_text("mine")
    before = tree(tmp_path)
    for args in (["export", "-f", "csv", "-o"], ["figures", "-o"], ["analyze", "--out"]):
        result = runner.invoke(app, [*args, str(tmp_path / "taken"), "--data", str(mini)])
        clean_error(result, FILE_EXIT, "taken", "not a folder")
    assert tree(tmp_path) == before


def test_output_under_a_file(mini: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    (tmp_path / "file.txt").write_text("mine")
    before = tree(tmp_path)
    for args in (["export", "-f", "node-link", "-o"], ["view", "-o"]):
        result = runner.invoke(
            app, [*args, str(tmp_path / "file.txt" / "sub" / "g.out"), "--data", str(mini)]
        )
        clean_error(result, FILE_EXIT, "file.txt")
    assert tree(tmp_path) == before


@pytest.mark.parametrize(
    "command",
    [["export", "-f", "node-link", "-o"], ["view", "-o"], ["figures", "-o"], ["analyze", "--out"]],
)
def test_empty_output_path_is_a_usage_error(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(app, [*command, "", "--data", str(mini)])
    assert result.exit_code == 2, result.output
    assert "empty path" in result.stderr and "Traceback" not in result.output
    assert tree(work) == {}


def test_dash_writes_to_stdout(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["export", "-f", "node-link", "-o", "-", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    assert (
        len(json.loads(result.stdout)["nodes"]) == 8
    )  # the mini fixture: seven elements and one class
    assert "wrote -" in result.stderr
    page = runner.invoke(app, ["view", "-o", "-", "--data", str(mini)])
    assert page.exit_code == 0 and page.stdout.lstrip().lower().startswith("<!doctype html")
    folder = runner.invoke(app, ["export", "-f", "csv", "-o", "-", "--data", str(mini)])
    clean_error(folder, FILE_EXIT, "several files")
    assert tree(work) == {}


def test_files_respect_the_umask(mini: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "work"
    old = os.umask(0o022)
    try:
        runs = [
            ["export", "-f", "gexf", "-o", str(tmp_path / "g.gexf")],
            ["export", "-f", "csv", "-o", str(tmp_path / "csv")],
            ["view", "-o", str(tmp_path / "v.html")],
            ["figures", "-o", str(tmp_path / "fig"), "--only", "degree_distribution"],
            ["analyze", "--null-samples", "0", "--out", str(tmp_path / "rep")],
        ]
        for args in runs:
            result = runner.invoke(app, [*args, "--data", str(mini)])
            assert result.exit_code == 0, result.output
        files = [p for p in tmp_path.rglob("*") if p.is_file()]
        assert len(files) >= 8
        assert {oct(p.stat().st_mode & 0o777) for p in files} == {"0o644"}
        assert not [p for p in tmp_path.rglob(".*")], "temporary files left behind"
    finally:
        os.umask(old)


def test_failed_write_keeps_the_old_file(mini: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    target = tmp_path / "g.json"
    target.write_text("old\n")
    (mini / "elements" / "extra.yaml").write_text("- id: [unclosed\n")  # the export fails
    result = runner.invoke(
        app, ["export", "-f", "node-link", "-o", str(target), "--data", str(mini)]
    )
    assert result.exit_code == 2
    assert tree(tmp_path) == {"g.json": b"old\n"}
