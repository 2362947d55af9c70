"""IRIs as oxiri (pyoxigraph's IRI library) reads them: RFC 3987 syntax, RFC 3986 resolution.

The SPARQL parser fails an IRIREF or a prefixed name whose IRI does not parse, and a failed
rule makes the parser try the next alternative; so reading a query as the engine does needs
the same verdict on every IRI, and the same resolved string (an allowlist compares it).

>>> resolve("http://a/b/c/d;p?q", "../g")
'http://a/b/g'
>>> resolve(None, "relative") is None
True
>>> resolve("http://a/", "http://x/./y/../z#f")
'http://x/z#f'
"""

from __future__ import annotations

import re

_UCS = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd\U00040000-\U0004fffd"
    "\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
    "\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
    "\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_PCT = "%[0-9A-Fa-f]{2}"
_UNRESERVED = "A-Za-z0-9\\-._~" + _UCS
_SUB = "!$&'()*+,;="
_IPCHAR = f"(?:[{_UNRESERVED}{_SUB}:@]|{_PCT})"
_IPCHAR_NC = f"(?:[{_UNRESERVED}{_SUB}@]|{_PCT})"  # no ':' (first segment of a relative path)
_USERINFO = f"(?:[{_UNRESERVED}{_SUB}:]|{_PCT})*"
_IP_LITERAL = r"\[(?:[0-9A-Fa-f:.]+|[vV][0-9A-Fa-f]+\.[" + "A-Za-z0-9\\-._~" + _SUB + r":]+)\]"
_REG_NAME = f"(?:[{_UNRESERVED}{_SUB}]|{_PCT})*"
_AUTHORITY = f"(?:{_USERINFO}@)?(?:{_IP_LITERAL}|{_REG_NAME})(?::[0-9]*)?"
_QUERY = f"(?:\\?(?:{_IPCHAR}|[{_PRIVATE}/?])*)?"
_FRAGMENT = f"(?:#(?:{_IPCHAR}|[/?])*)?"
_SCHEME = "[A-Za-z][A-Za-z0-9+\\-.]*"

_ABSOLUTE = re.compile(
    f"{_SCHEME}:(?://{_AUTHORITY}(?:/{_IPCHAR}*)*|/?(?:{_IPCHAR}+(?:/{_IPCHAR}*)*)?)"
    f"{_QUERY}{_FRAGMENT}"
)
_RELATIVE = re.compile(
    f"(?://{_AUTHORITY}(?:/{_IPCHAR}*)*|/(?:{_IPCHAR}+(?:/{_IPCHAR}*)*)?"
    f"|{_IPCHAR_NC}+(?:/{_IPCHAR}*)*|)"
    f"{_QUERY}{_FRAGMENT}"
)
_HAS_SCHEME = re.compile(f"{_SCHEME}:")
# RFC 3986 appendix B: scheme, authority, path, query, fragment
_PARTS = re.compile(r"(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.S)


def is_absolute(iri: str) -> bool:
    """True when ``iri`` is an absolute IRI (a fragment allowed), as ``Iri::parse`` wants."""
    return _ABSOLUTE.fullmatch(iri) is not None


def is_reference(ref: str) -> bool:
    """True when ``ref`` is an IRI reference (absolute or relative)."""
    if _HAS_SCHEME.match(ref):
        return is_absolute(ref)
    return _RELATIVE.fullmatch(ref) is not None


def resolve(base: str | None, ref: str) -> str | None:
    """``ref`` resolved against ``base`` (RFC 3986 section 5.2); None when it is no IRI (or
    relative with no base), which makes the parser's rule fail as oxiri's error does."""
    if base is None:
        return ref if is_absolute(ref) else None
    if not is_reference(ref):
        return None
    r_scheme, r_auth, r_path, r_query, r_frag = _PARTS.fullmatch(ref).groups()  # type: ignore[union-attr]
    b_scheme, b_auth, b_path, b_query, _ = _PARTS.fullmatch(base).groups()  # type: ignore[union-attr]
    if r_scheme is not None:
        scheme, auth, path, query = r_scheme, r_auth, _remove_dots(r_path), r_query
    else:
        scheme = b_scheme
        if r_auth is not None:
            auth, path, query = r_auth, _remove_dots(r_path), r_query
        else:
            auth = b_auth
            if r_path == "":
                path, query = b_path, (r_query if r_query is not None else b_query)
            else:
                if r_path.startswith("/"):
                    path = _remove_dots(r_path)
                else:
                    path = _remove_dots(_merge(b_auth, b_path, r_path))
                query = r_query
    out = f"{scheme}:"
    if auth is not None:
        out += f"//{auth}"
    out += path
    if query is not None:
        out += f"?{query}"
    if r_frag is not None:
        out += f"#{r_frag}"
    return out


def _merge(base_auth: str | None, base_path: str, ref_path: str) -> str:
    if base_auth is not None and base_path == "":
        return "/" + ref_path
    return base_path[: base_path.rfind("/") + 1] + ref_path


def _remove_dots(path: str) -> str:
    """RFC 3986 section 5.2.4."""
    out: list[str] = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith("./"):
            path = path[2:]
        elif path.startswith("/./"):
            path = path[2:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../"):
            path = path[3:]
            if out:
                out.pop()
        elif path == "/..":
            path = "/"
            if out:
                out.pop()
        elif path in (".", ".."):
            path = ""
        else:
            cut = path.find("/", 1)
            segment, path = (path, "") if cut < 0 else (path[:cut], path[cut:])
            out.append(segment)
    return "".join(out)
