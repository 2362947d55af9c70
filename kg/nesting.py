"""How deeply client JSON nests, known before a recursive parser sees it.

pyoxigraph's JSON-LD parser recurses per level and crashed its process (a segfault, in a
thread like the server's) at 4,000 to 6,000 levels, within the 1 MiB a request may carry. One
pass over the text finds the depth: strings are skipped whole (a bracket inside one is no
bracket), so the depth found is the parser's, or more for text the parser refuses anyway.

>>> json_depth(b'{"a": [1, {"b": "}}}]]"}]}')
3
>>> json_depth(b'[' * 10_000, limit=128)
129
"""

from __future__ import annotations

import re

#: levels a client's JSON-LD may nest (real documents stay under 20)
MAX_JSON_DEPTH = 128
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(data: bytes, limit: int = MAX_JSON_DEPTH) -> int:
    """The deepest nesting of ``data``'s arrays and objects; stops counting past ``limit``."""
    depth = deepest = 0
    for m in _TOKENS.finditer(data):
        token = m.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif token in (b"]", b"}"):
            depth = max(0, depth - 1)
    return deepest
