"""Hostile formats, generated (hypothesis): whatever the bytes, a reader gives an Article or a
ReaderError, never another exception, and never opens a connection (images, stylesheets,
<base>, a JSON-LD context, DTD entities pointing at a listener on 127.0.0.1 or at private
addresses are text, not fetches) nor reads a local file through an entity."""

from __future__ import annotations

import codecs
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.errors import ReaderError
from kg.model import Article
from kg.readers import read_bytes, read_path

SECRET = "factkg-local-secret-7731"
HOST = "\x00HOST\x00"  # replaced by the listener's host:port

ARTICLE = (
    "Minister denies cable cut\n"
    "By Jane Doe\n"
    "The minister said on Tuesday that the cable was not cut. "
    "Residents of Tromsø said the outage lasted “three days” — a 10 % loss.\n"
)


class Listener:
    """A socket on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.host = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections: list[bytes] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    self.connections.append(conn.recv(4096))
                except OSError:
                    self.connections.append(b"")

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    lis = Listener()
    yield lis
    lis.close()


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(SECRET)
    return path


# --- generated inputs --------------------------------------------------------------------

URLS = st.sampled_from(
    [
        f"http://{HOST}/",
        f"http://{HOST}/img.png",
        f"//{HOST}/x.css",
        f"https://{HOST}/ctx.jsonld",
        "file:///etc/passwd",
        "file://SECRET",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://192.168.1.1:8080/a",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "relative/path.html",
    ]
)
TAGS = ["div", "p", "span", "article", "section", "main", "b", "i", "a", "table", "td", "li"]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60
) | st.sampled_from(ARTICLE.split("\n"))


@st.composite
def void_elements(draw: st.DrawFn) -> str:
    url = draw(URLS)
    return draw(
        st.sampled_from(
            [
                f'<img src="{url}">',
                f'<link rel="stylesheet" href="{url}">',
                f'<link rel="canonical" href="{url}">',
                f'<base href="{url}">',
                f'<meta property="og:url" content="{url}">',
                f'<meta http-equiv="refresh" content="0; url={url}">',
                f'<iframe src="{url}"></iframe>',
                f'<script src="{url}"></script>',
                f'<script type="application/ld+json">{{"@context": "{url}", '
                f'"@type": "NewsArticle", "headline": "x", "url": "{url}"}}</script>',
                "<script>document.write('<p>' + 1 + '</p>')</script>",
                f'<a href="{url}">link</a>',
                f'<object data="{url}"></object>',
                f'<svg><image href="{url}"/></svg>',
                f'<p style="background:url({url})">styled</p>',
                f'<div title="{"x" * draw(st.integers(0, 100_000))}">huge attribute</div>',
                "<br/>",
            ]
        )
    )


def nodes(depth: int) -> st.SearchStrategy[str]:
    leaf = TEXT.map(lambda t: t.replace("<", "&lt;")) | void_elements()
    if depth == 0:
        return leaf

    @st.composite
    def element(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        inner = "".join(draw(st.lists(nodes(depth - 1), max_size=4)))
        close = draw(st.sampled_from([f"</{tag}>", "", f"</{draw(st.sampled_from(TAGS))}>"]))
        return f"<{tag}>{inner}{close}"

    return leaf | element()


DOCTYPES = st.sampled_from(
    [
        "",
        "<!DOCTYPE html>",
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://SECRET">]>',
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "http://{HOST}/dtd">]>',
        f'<!DOCTYPE html SYSTEM "http://{HOST}/x.dtd">',
        f'<!DOCTYPE html [<!ENTITY % p SYSTEM "http://{HOST}/p"> %p;]>',
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://SECRET">]>',
    ]
)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    body = "".join(draw(st.lists(nodes(draw(st.integers(0, 4))), max_size=6)))
    head = "".join(draw(st.lists(void_elements(), max_size=3)))
    article = "".join(f"<p>{line} &xxe; &d;</p>" for line in ARTICLE.splitlines())
    return (
        f"{draw(DOCTYPES)}<html><head><title>Cable &xxe;</title>{head}</head>"
        f"<body>{body}<article>{article}</article>{body}</body></html>"
    )


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    kind = draw(
        st.sampled_from(["random", "utf8-cut", "utf16", "html", "html", "html", "nul", "deep"])
    )
    if kind == "random":
        return draw(st.binary(max_size=3000))
    if kind == "deep":
        tag = draw(st.sampled_from(TAGS))
        n = draw(st.integers(1, 5000))
        return (f"<html><body>{f'<{tag}>' * n}{ARTICLE}{f'</{tag}>' * n}</body></html>").encode()
    text = draw(html_pages()) if kind in ("html", "utf16", "nul") else ARTICLE * 3
    if kind == "utf16":
        codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"]))
        data = text.encode(codec)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
        return data
    data = text.encode("utf-8")
    if kind == "utf8-cut":
        return data[: draw(st.integers(0, len(data)))]
    at = draw(st.integers(0, len(data)))
    return data[:at] + b"\x00" * draw(st.integers(1, 3)) + data[at:]


def concrete(data: bytes, listener: Listener, secret: Path) -> bytes:
    data = data.replace(HOST.encode(), listener.host.encode())
    data = data.replace(HOST.encode("utf-16-le"), listener.host.encode("utf-16-le"))
    data = data.replace(HOST.encode("utf-16-be"), listener.host.encode("utf-16-be"))
    for codec in ("utf-8", "utf-16-le", "utf-16-be"):
        data = data.replace("SECRET".encode(codec), str(secret).encode(codec))
    return data


# --- the property ------------------------------------------------------------------------

attempts: list[Any] = []
_connect = socket.socket.connect


def _recording_connect(self: socket.socket, address: Any) -> None:
    attempts.append(address)
    _connect(self, address)


def check_article_or_reader_error(call: Any, listener: Listener) -> None:
    before = len(listener.connections)
    attempts.clear()
    with mock.patch.object(socket.socket, "connect", _recording_connect):
        try:
            article = call()
        except ReaderError:
            article = None
    assert attempts == [], f"the reader tried to connect: {attempts}"
    assert len(listener.connections) == before, "the reader connected to the listener"
    if article is not None:
        assert isinstance(article, Article)
        assert SECRET not in article.text, "an entity read a local file"
        assert article.url is None or article.url.startswith(("http://", "https://"))
        assert isinstance(article.text, str) and article.text.strip()


MEDIA_TYPES = st.sampled_from(
    [
        None,
        "text/html",
        "text/plain",
        "application/xhtml+xml",
        "text/html; charset=utf-16",
        "application/json",
        "image/png",
        "TEXT/HTML",
    ]
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=hostile_bytes(), media_type=MEDIA_TYPES)
@example(data=b"\xef\xbb\xbf", media_type=None)
@example(data="<p>caf\u00e9</p>".encode()[:-5], media_type="text/html")
@example(data=codecs.BOM_UTF16_LE + b"<\x00", media_type=None)
@example(
    data=f'<html><body><img src="http://{HOST}/"><p>{ARTICLE}</p></body></html>'.encode(),
    media_type=None,
)
@example(
    data=(
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://SECRET">]><html><head>'
        f'<base href="http://{HOST}/"><link rel="stylesheet" href="http://{HOST}/s.css">'
        f'<script type="application/ld+json">{{"@context": "http://{HOST}/ctx", '
        f'"@type": "NewsArticle", "url": "file:///etc/passwd"}}</script></head>'
        f"<body><article><h1>Cable &xxe;</h1><p>{ARTICLE} &xxe;</p></article></body></html>"
    ).encode(),
    media_type="text/html",
)
def test_read_bytes_gives_an_article_or_a_reader_error_and_never_fetches(
    listener: Listener, secret_file: Path, data: bytes, media_type: str | None
) -> None:
    payload = concrete(data, listener, secret_file)
    check_article_or_reader_error(lambda: read_bytes(payload, "upload", media_type), listener)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=hostile_bytes(), suffix=st.sampled_from([".html", ".htm", ".txt", "", ".TXT"]))
def test_read_path_gives_an_article_or_a_reader_error_and_never_fetches(
    listener: Listener, secret_file: Path, tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"article{suffix}"
    path.write_bytes(concrete(data, listener, secret_file))
    check_article_or_reader_error(lambda: read_path(path), listener)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(page=html_pages(), media_type=st.sampled_from([None, "text/html"]))
def test_generated_html_pages_are_read_without_fetching(
    listener: Listener, secret_file: Path, page: str, media_type: str | None
) -> None:
    """HTML only (the mixed strategy above spends many examples on refusals of binary input)."""
    payload = concrete(page.encode(), listener, secret_file)
    check_article_or_reader_error(lambda: read_bytes(payload, "page", media_type), listener)


def test_the_listener_sees_a_real_connection(listener: Listener) -> None:
    """The control: a connection to the listener is recorded, so silence above means none."""
    before = len(listener.connections)
    host, port = listener.host.split(":")
    socket.create_connection((host, int(port)), timeout=5).close()
    for _ in range(200):  # the accept thread records it within a few polls
        if len(listener.connections) > before:
            break
        threading.Event().wait(0.01)
    assert len(listener.connections) > before
