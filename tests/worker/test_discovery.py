"""Which files in an inbox are candidates."""

from pathlib import Path

import pytest

from worker.discovery import find_files, wanted


@pytest.mark.parametrize(("relative", "expected"), [
    ("CLLS_2021_Q3.txt", True),
    ("CLLS/call.pdf", True),
    (".hidden.txt", False),
    ("download.txt.part", False),
    ("chrome.crdownload", False),
    ("~$report.docx", False),
    (".git/config", False),
    ("README.md", False),
    ("failed/old.txt", True),
])
def test_wanted(relative, expected):
    assert wanted(Path(relative)) is expected


def test_include_patterns():
    assert wanted(Path("a.txt"), include=["*.txt"]) and not wanted(Path("a.pdf"), include=["*.txt"])


def test_hidden_folders_above_the_inbox_do_not_matter(tmp_path):
    inbox = tmp_path / ".config" / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "sub" / "a.txt").write_text("x")
    (inbox / ".b.txt").write_text("x")
    assert find_files([inbox]) == [inbox / "sub" / "a.txt"]
