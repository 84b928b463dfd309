"""Pagination keeps every fact and every page within Discord's limits."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.lookup import limits
from bot.lookup.pages import Field, Page, combine, paginate_fields, paginate_lines, paginate_text, split_text


def test_short_list_is_one_page_without_marker():
    pages = paginate_lines("T", ["a", "b"], footer="f")
    assert pages == [Page(title="T", description="a\nb", footer="f")]


def test_lines_split_by_count_and_numbered():
    pages = paginate_lines("T", [f"line {i}" for i in range(25)], per_page=10)
    assert [p.description.count("\n") + 1 for p in pages] == [10, 10, 5]
    assert [p.footer for p in pages] == ["Page 1/3", "Page 2/3", "Page 3/3"]
    assert pages[2].description.split("\n")[-1] == "line 24"


def test_header_repeats_on_every_page():
    pages = paginate_lines("T", ["a", "b", "c"], header="H", per_page=2)
    assert [p.description for p in pages] == ["H\n\na\nb", "H\n\nc"]


def test_a_line_longer_than_a_page_is_split_not_cut():
    long_line = " ".join(f"word{i}" for i in range(1000))
    pages = paginate_lines("T", [long_line], max_chars=500)
    assert all(len(p.description) <= 500 for p in pages)
    assert " ".join(p.description for p in pages).split() == long_line.split()


def test_split_text_prefers_sentences():
    text = "One two three. Four five six. Seven."
    assert split_text(text, 20) == ["One two three.", "Four five six.", "Seven."]


def test_paginate_text_keeps_paragraphs_together():
    text = "A" * 50 + ".\n\n" + "B" * 50 + "."
    pages = paginate_text("Plot", text, max_chars=60)
    assert [p.description for p in pages] == ["A" * 50 + ".", "B" * 50 + "."]


def test_field_values_over_1024_continue_in_next_field():
    pages = paginate_fields("T", [Field("Notes", "x " * 700)])
    fields = [f for p in pages for f in p.fields]
    assert [f.name for f in fields] == ["Notes", "Notes (cont.)"]
    assert all(len(f.value) <= limits.FIELD_VALUE for f in fields)
    assert "".join(f.value for f in fields).replace(" ", "") == "x" * 700


def test_more_than_25_fields_make_more_pages():
    pages = paginate_fields("T", [Field(f"n{i}", "v") for i in range(60)], per_page=30)
    assert [len(p.fields) for p in pages] == [25, 25, 10]


def test_combine_renumbers():
    a = paginate_lines("A", ["1", "2", "3"], per_page=2)
    b = paginate_lines("B", ["4"])
    from bot.lookup.pages import Answer

    combined = combine(Answer(tuple(a)), Answer(tuple(b)))
    assert [p.footer for p in combined.pages] == ["Page 1/3", "Page 2/3", "Page 3/3"]


def test_problems_reports_every_limit():
    page = Page(
        title="t" * 300, description="d" * 5000, fields=tuple(Field("n", "v" * 1100) for _ in range(26))
    )
    problems = page.problems()
    assert "title 300 > 256" in problems
    assert "description 5000 > 4096" in problems
    assert "26 fields > 25" in problems
    assert "field value 1100 chars" in problems
    assert any(p.startswith("total ") for p in problems)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=3000), min_size=0, max_size=40))
def test_any_lines_fit_discord_and_lose_nothing(lines):
    pages = paginate_lines("Title", lines)
    assert all(not p.problems() for p in pages)
    kept = "".join("".join(p.description.split()) for p in pages)
    assert kept == "".join("".join(line.split()) for line in lines)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=3000)), max_size=40)
)
def test_any_fields_fit_discord(fields):
    fields = [Field(n.strip() or "x", v.strip() or "x") for n, v in fields]
    pages = paginate_fields("Title", fields, description="d" * 200)
    assert all(not p.problems() for p in pages)
