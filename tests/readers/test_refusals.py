"""Input that is not an article's text is refused with a message naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kg.errors import ReaderError
from kg.readers import read_bytes, read_path


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Headline\n\x01\x02\x03\x04\x05\x06\x07\x08 body", "binary"),
        (b"Caf\xe9 au lait\nLe ministre a dit\n", "not UTF-8"),
    ],
)
def test_refused_with_file_name(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "bad-input.txt"
    path.write_bytes(data)
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)
    assert info.value.origin == str(path)


def test_utf16_with_bom_and_utf8_bom_accepted() -> None:
    text = "Headline\nThe minister said “yes”.\n"
    for data in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), b"\xef\xbb\xbf" + text.encode()):
        article = read_bytes(data, "u.txt")
        assert article.text == text
        assert article.title == "Headline"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "article.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ReaderError, match="article.pdf"):
        read_path(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="nope.txt"):
        read_path(tmp_path / "nope.txt")


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body></body></html>")
    with pytest.raises(ReaderError, match="empty.html"):
        read_path(path)
