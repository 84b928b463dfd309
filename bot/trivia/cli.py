"""``python -m bot questions [--film TITLE] [--json] [--article PATH]``: print the question bank.

A thin click wrapper over :mod:`bot.trivia.report`; registered by ``bot.cli`` (it looks for ``command``).
Films come from the database (as ingested), or straight from article files with ``--article``.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from bot.kb.models import Film


async def _stored_films(database: Path) -> list[Film]:
    from bot.store import Store

    store = await Store.open(database)
    try:
        return await store.load_films()
    finally:
        await store.close()


def _article_films(paths: tuple[Path, ...]) -> list[Film]:
    from bot.kb.errors import ArticleError
    from bot.kb.ingest import read_article
    from bot.kb.parse import parse_article

    films = []
    for path in paths:
        try:
            text, _digest = read_article(path)  # size cap, UTF-8, not binary: one-line reasons
        except Exception as exc:  # noqa: BLE001 - the ingest reader's own rejection type is private
            raise click.ClickException(f"{path}: {exc}") from exc
        try:
            films.append(parse_article(text, source=str(path)))
        except ArticleError as exc:  # its message already names the source
            raise click.ClickException(str(exc)) from exc
    return films


@click.command("questions")
@click.option("--film", "title", default=None, help="Only this film (title, key, or 'title year').")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question and line.")
@click.option("--article", "articles", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Read this article file instead of the database (repeatable).")
def command(title: str | None, as_json: bool, articles: tuple[Path, ...]) -> None:
    """Print the trivia question bank generated from the films' facts."""
    from bot.trivia.report import FilmNotFound, bank_lines, select_films

    if articles:
        films = _article_films(articles)
    else:
        from bot.cli import load_settings
        from bot.store import StoreError

        database = load_settings().database_path
        if not database.exists():
            raise click.ClickException(f"No database at {database}; run `python -m bot ingest data/films` first.")
        try:
            films = asyncio.run(_stored_films(database))
        except StoreError as exc:
            raise click.ClickException(f"Cannot read the database {database}: {exc}") from exc
        if not films:
            raise click.ClickException(f"No films in {database}; run `python -m bot ingest data/films` first.")
    try:
        chosen = select_films(films, title)
    except FilmNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    for line in bank_lines(chosen, as_json=as_json):
        sys.stdout.write(line + "\n")
