"""The language gazetteer reads pycountry's JSON directly, with the same names as its language objects."""

import pycountry

from bot.kb.parse.gazetteer import _language_entries, _language_names, language_name


def test_language_entries_are_pycountrys_languages():
    entries = _language_entries()
    assert len(entries) == len(pycountry.languages)
    by_code = {e["alpha_3"]: e for e in entries}
    for lang in pycountry.languages:
        entry = by_code[lang.alpha_3]
        assert entry["name"] == lang.name
        assert entry.get("common_name") == getattr(lang, "common_name", None)


def test_language_names_are_those_of_pycountrys_objects():
    expected: dict[str, str] = {}  # the rule over pycountry's own language objects
    for lang in pycountry.languages:
        for name in (lang.name, getattr(lang, "common_name", None)):
            if name:
                expected.setdefault(name.casefold(), name)
                base = name.split(" (")[0]
                expected.setdefault(base.casefold(), base)
    assert _language_names() == expected
    assert language_name("  Mandarin   chinese ") == "Mandarin Chinese"
    assert language_name("bangla") == "Bangla"  # Bengali's common name
    assert language_name("Greek") is None  # only "Modern Greek (1453-)" and its base "Modern Greek"
