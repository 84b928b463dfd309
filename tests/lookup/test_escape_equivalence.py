"""escape() after its speed-up (template replacement, fast paths) escapes exactly as the plain version."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.lookup.text import _MARKDOWN, _MENTION, _URL, escape


def reference_escape(text: str) -> str:
    """The straightforward version: markdown escaped outside links, then mentions broken."""
    out, pos = [], 0
    for url in _URL.finditer(text):
        out.append(_MARKDOWN.sub(lambda m: "\\" + m.group("md"), text[pos:url.start()]))
        out.append(url.group())
        pos = url.end()
    out.append(_MARKDOWN.sub(lambda m: "\\" + m.group("md"), text[pos:]))
    return _MENTION.sub("@\u200b\\1", "".join(out))


PIECES = ["a", " ", "\n", "_", "*", "`", "~", "|", "\\", ">", ">>> ", "# ", "- ", "[x](http://e.org)", "@everyone",
          "@here", "<@123456789012345678>", "@123456789012345678", "https://example.org/a_b*c", "<https://x.y/z>",
          "Danko's", "o'ross", "://", "<", "steam://run/1"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_escape_matches_the_reference(text):
    assert escape(text) == reference_escape(text)


def test_escape_examples():
    assert escape("Ivan *Danko* @everyone") == "Ivan \\*Danko\\* @\u200beveryone"
    assert escape("see https://e.org/a_b and a_b") == "see https://e.org/a_b and a\\_b"
    assert re.sub(r"\\", "", escape("# > - plain")) == "# > - plain"
