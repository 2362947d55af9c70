"""Hostile input ends quickly: too large a file is refused before it is read whole, naming the
file and the limit; NUL bytes, wrong encodings and deep HTML nesting are refused or read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError, ReaderError
from kg.readers import read_bytes, read_path


def test_a_file_over_the_cap_is_refused_naming_it_and_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Headline\n" + b"The minister said it was fine. " * 400)
    monkeypatch.setenv("FACTKG_MAX_ARTICLE_BYTES", "10000")
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert info.value.origin == str(path)
    assert "10,000 bytes" in str(info.value)
    assert "FACTKG_MAX_ARTICLE_BYTES" in str(info.value)
    monkeypatch.setenv("FACTKG_MAX_ARTICLE_BYTES", "20000")
    assert read_path(path).title == "Headline"


def test_the_default_cap_refuses_a_27_mb_file(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as f:
        f.write(b"Headline\n")
        f.seek(27_000_000)
        f.write(b"The minister said it.\n")
    with pytest.raises(ReaderError, match=r"dump\.txt: larger than the limit of 2,097,152"):
        read_path(path)


def test_uploaded_bytes_over_the_cap_are_refused() -> None:
    with pytest.raises(ReaderError, match=r"upload\.txt: larger than the limit of 100 bytes"):
        read_bytes(b"Headline\n" + b"x " * 100, "upload.txt", max_bytes=100)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"Headline\nThe minister\x00 said it.\n", "NUL"),
        (b"Headline\n" + "Café".encode() + b" and caf\xe9 in one file\n", "not UTF-8"),
        (b"\xff\xfeH\x00e\x00\x00\xd8", "not valid UTF-16"),
        ("Headline\nThe minister said it.\n".encode("utf-16-le"), "UTF-16 text without a"),
    ],
)
def test_nul_bytes_and_mixed_encodings_are_refused_naming_the_file(
    tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    with pytest.raises(ReaderError, match=problem) as info:
        read_path(path)
    assert info.value.origin == str(path)


def test_deeply_nested_html_is_read_or_refused_naming_the_file(tmp_path: Path) -> None:
    depth = 100_000
    body = "<p>The minister said the bridge was safe.</p>"
    html = "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    path = tmp_path / "nested.html"
    path.write_text(html)
    with pytest.raises(ReaderError, match="nested 100,00[0-9] elements deep") as info:
        read_path(path)
    assert info.value.origin == str(path)


def test_html_nested_as_deep_as_pages_are_is_read(tmp_path: Path) -> None:
    body = "<p>The minister said the bridge was safe.</p>"
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 200 + body + "</div>" * 200 + "</body></html>")
    assert "The minister said the bridge was safe." in read_path(path).text


def test_a_cap_below_one_byte_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Headline\nThe minister said it.\n")
    monkeypatch.setenv("FACTKG_MAX_ARTICLE_BYTES", "0")
    with pytest.raises(ConfigError, match="FACTKG_MAX_ARTICLE_BYTES=0"):
        read_path(path)
