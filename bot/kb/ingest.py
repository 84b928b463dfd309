"""Article files and folders → parsed films → the store, skipping articles that have not changed.

``ingest_paths(store, paths)`` expands folders (their ``*.txt`` files, sorted), reads each file
(size cap, strict UTF-8), hashes its bytes (sha256), skips it when the store already holds that hash
from the same parser code, parses it and saves the film (one transaction per article). It never
raises for a bad file: each file gets a ``FileResult`` (ingested / unchanged / failed, with counts,
the parser's warnings and a one-line error), gathered in an ``IngestReport``.

The change check also covers the parser: ``parser_version()`` hashes the knowledge-base code, so a
parser fix (or a new model field) re-ingests every article on the next run, and only then.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.kb.errors import ArticleError
from bot.kb.models import Film
from bot.store import Store, StoreError

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_MB = 1024 * 1024
_KB_DIR = Path(__file__).resolve().parent

INGESTED = "ingested"
UNCHANGED = "unchanged"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FactCounts:
    cast: int = 0
    crew: int = 0
    quotes: int = 0
    releases: int = 0
    home_media: int = 0

    @classmethod
    def of(cls, film: Film) -> FactCounts:
        return cls(len(film.cast), len(film.crew), len(film.quotes), len(film.releases), len(film.home_media))

    def __str__(self) -> str:
        return (
            f"{self.cast} cast, {self.crew} crew, {self.quotes} quotes, "
            f"{self.releases} releases, {self.home_media} home media"
        )


@dataclass(frozen=True, slots=True)
class FileResult:
    path: Path
    status: str  # INGESTED | UNCHANGED | FAILED
    film_key: str | None = None
    title: str | None = None
    counts: FactCounts | None = None  # for ingested films
    warnings: tuple[str, ...] = ()  # what the parser could not make sense of
    error: str | None = None  # one line, for failed files

    @property
    def ok(self) -> bool:
        return self.status != FAILED

    def describe(self) -> str:
        """One line naming the file and what happened to it."""
        if self.status == FAILED:
            return f"{self.path}: {self.error}"
        what = f"{self.title} [{self.film_key}]"
        if self.status == UNCHANGED:
            return f"{self.path}: unchanged, {what}"
        extra = f"; {len(self.warnings)} warning(s)" if self.warnings else ""
        return f"{self.path}: ingested {what}: {self.counts}{extra}"


@dataclass(frozen=True, slots=True)
class IngestReport:
    results: tuple[FileResult, ...] = ()

    def with_status(self, status: str) -> list[FileResult]:
        return [r for r in self.results if r.status == status]

    @property
    def ingested(self) -> list[FileResult]:
        return self.with_status(INGESTED)

    @property
    def unchanged(self) -> list[FileResult]:
        return self.with_status(UNCHANGED)

    @property
    def failed(self) -> list[FileResult]:
        return self.with_status(FAILED)

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        return f"{len(self.ingested)} ingested, {len(self.unchanged)} unchanged, {len(self.failed)} failed"


Progress = Callable[[FileResult, int, int], None]  # (result, files done, files in total)


class _Rejected(Exception):
    """A file that cannot be ingested; the message is the one-line reason."""


@functools.cache
def parser_version() -> str:
    """A hash of the knowledge-base code (parser, model): part of each article's change check."""
    digest = hashlib.sha256()
    for path in sorted(_KB_DIR.rglob("*")):
        if (
            path.is_file()
            and path.suffix in (".py", ".json", ".txt", ".csv")
            and "__pycache__" not in path.parts
        ):
            digest.update(path.relative_to(_KB_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def expand_paths(paths: Iterable[str | Path]) -> list[Path | FileResult]:
    """Files to ingest, in order: folders give their ``*.txt`` files sorted by name; duplicates go.

    A path that cannot be ingested at all (missing, empty folder) comes back as a failed FileResult.
    """
    out: list[Path | FileResult] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not files:
                out.append(FileResult(path, FAILED, error="no .txt articles in this folder"))
            for file in files:
                add(file)
        elif path.is_file():
            add(path)
        elif path.exists():
            out.append(FileResult(path, FAILED, error="not a regular file"))
        else:
            out.append(FileResult(path, FAILED, error="no such file or folder"))
    return out


def read_article(path: Path, limit: int = MAX_ARTICLE_BYTES) -> tuple[str, str]:
    """(text, sha256 of the bytes) of an article file; raises _Rejected with a one-line reason."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise _Rejected(f"too large ({size / _MB:.1f} MB, limit {limit / _MB:g} MB)")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _Rejected(f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > limit:  # grew since stat
        raise _Rejected(f"too large (over {limit / _MB:g} MB)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Rejected(
            f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    if "\x00" in text:
        raise _Rejected("binary data, not a text article")
    return text, hashlib.sha256(data).hexdigest()


def _load(path: Path) -> tuple[str, str, str]:
    """(source id, text, hash): the source id is the resolved path, the same from any working folder."""
    return (str(path.resolve()), *read_article(path))


def _parse(text: str, source: str) -> Film:
    from bot.kb.parse import parse_article  # heavy (name data); loaded on first use

    return parse_article(text, source=source)


def _unprefixed(message: str, shown: str) -> str:
    """The parser may start its messages with the source name; results name the file themselves."""
    prefix = f"{shown}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


async def ingest_file(store: Store, path: Path, *, force: bool = False) -> FileResult:
    """Ingest one article file; never raises for a bad file or a store failure."""
    version = parser_version()
    shown = str(path)
    try:
        source, text, digest = await asyncio.to_thread(_load, path)
        if not force:
            state = await store.source_state(source)
            if (
                state is not None
                and state.title is not None
                and state.content_hash == digest
                and state.parser_version == version
            ):
                return FileResult(path, UNCHANGED, state.film_key, state.title)
        try:
            film = await asyncio.to_thread(_parse, text, shown)
        except ArticleError as exc:
            raise _Rejected(_unprefixed(str(exc), shown)) from exc
        except Exception as exc:  # a parser bug must not stop the other files
            log.exception("parser failed on %s", path)
            raise _Rejected(f"parser failed: {type(exc).__name__}: {exc}") from exc
        await store.save_film(film, source, digest, parser_version=version, force=force)
    except (_Rejected, StoreError) as exc:
        return FileResult(path, FAILED, error=str(exc))
    warnings = tuple(_unprefixed(w, shown) for w in film.warnings)
    return FileResult(path, INGESTED, film.key, film.title, FactCounts.of(film), warnings)


async def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    progress: Progress | None = None,
    force: bool = False,
) -> IngestReport:
    """Ingest files and folders of articles; ``force`` re-ingests unchanged ones too."""
    items = await asyncio.to_thread(expand_paths, list(paths))
    results: list[FileResult] = []
    first_file_of: dict[str, Path] = {}
    for item in items:
        result = item if isinstance(item, FileResult) else await ingest_file(store, item, force=force)
        if result.film_key is not None:
            earlier = first_file_of.setdefault(result.film_key, result.path)
            if earlier != result.path and result.status == INGESTED:
                note = f"describes the same film as {earlier} ({result.film_key}); the facts stored are this file's"
                result = dataclasses.replace(result, warnings=(*result.warnings, note))
        results.append(result)
        if progress is not None:
            progress(result, len(results), len(items))
    return IngestReport(tuple(results))


async def ingest_folder(store: Store, folder: str | Path) -> IngestReport:
    """For the bot's startup: ingest the folder's changed articles and log one line per file."""
    folder = Path(folder)
    if not await asyncio.to_thread(folder.is_dir):
        log.warning("films folder %s does not exist; nothing to ingest", folder)
        return IngestReport()
    report = await ingest_paths(store, [folder])
    for result in report.results:
        if result.status == FAILED:
            log.error("%s", result.describe())
        else:
            log.info("%s", result.describe())
        for warning in result.warnings:
            log.warning("%s: %s", result.path, warning)
    log.info("ingest of %s: %s", folder, report)
    return report
