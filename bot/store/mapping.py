"""How the film model maps onto tables: one generic mapping read from the dataclass fields.

Nothing here names a model field: the tables and columns are derived from ``bot.kb.models`` at import,
so adding an optional field to the model needs only a migration that adds the matching column (the
store checks at open that every field has its column, and says which migration is missing).

Rules (``X`` is a field name, ``T`` the table of the row that holds it):

- ``Film``'s plain fields (str, int, float, bool, date and their optionals) are columns of ``films``.
- A ``Film`` field holding ``tuple[SomeDataclass, ...]`` is a table ``film_X`` with one row per item,
  keyed by ``(film_key, ord)``; a field holding one dataclass is ``film_X`` with one row (``ord`` 0).
- A ``Film`` field holding ``dict[str, str]`` is ``film_X(film_key, ord, name, value)``; a
  ``tuple[str, ...]`` is ``film_X(film_key, ord, value)``.
- Inside those rows an (optional) dataclass field is a table ``T_X`` keyed by the same
  ``(film_key, ord)`` (no row = ``None``); tuples of plain values and dicts are JSON text columns;
  dates are ISO text; bools are 0/1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from dataclasses import dataclass
from typing import Any

from bot.kb.models import Film

FILM_KEY = "film_key"
ORD = "ord"
_PLAIN = (str, int, float, bool)


class MappingError(TypeError):
    """The model has a field type the store does not know how to keep (a programming error)."""


@dataclass(frozen=True, slots=True)
class Column:
    """One model field kept in one column, with its conversion both ways."""

    name: str
    kind: str  # "str" | "int" | "float" | "bool" | "date" | "datetime" | "tuple" | "dict"

    def encode(self, value: Any) -> Any:
        if value is None:
            return None
        if self.kind == "bool":
            return int(value)
        if self.kind in ("date", "datetime"):
            return value.isoformat()
        if self.kind == "tuple":
            return json.dumps(list(value), ensure_ascii=False)
        if self.kind == "dict":
            return json.dumps(value, ensure_ascii=False)
        return value

    def decode(self, value: Any) -> Any:
        if value is None:
            return None
        match self.kind:
            case "bool":
                return bool(value)
            case "date":
                return dt.date.fromisoformat(value)
            case "datetime":
                return dt.datetime.fromisoformat(value)
            case "tuple":
                return tuple(json.loads(value))
            case "dict":
                return json.loads(value)
            case "float":
                return float(value)
            case _:
                return value


@dataclass(frozen=True, slots=True)
class Table:
    """A table holding part of a film. ``shape`` says how its rows relate to the model:

    ``film`` the films row itself; ``rows`` a tuple of dataclasses; ``row`` one dataclass;
    ``dict`` a str->str mapping; ``values`` a tuple of plain values; ``nested`` a dataclass inside
    a row of ``parent`` (one row per parent row at most).
    """

    name: str
    shape: str
    field: str | None  # the attribute holding it (on Film, or on the parent's dataclass for "nested")
    cls: type | None  # the dataclass whose fields are its columns ("film", "rows", "row", "nested")
    columns: tuple[Column, ...]  # the model's columns, without film_key/ord
    nested: tuple[Table, ...] = ()
    parent: str | None = None

    @property
    def key_columns(self) -> tuple[str, ...]:
        return () if self.shape == "film" else (FILM_KEY, ORD)

    @property
    def column_names(self) -> tuple[str, ...]:
        return self.key_columns + tuple(c.name for c in self.columns)


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise MappingError(f"union type {tp!r} cannot be stored")
        return args[0]
    return tp


def _classify(tp: Any) -> tuple[str, Any]:
    """("column", column kind) or ("rows"|"row"|"dict"|"values", element type) for a field type."""
    tp = _unwrap_optional(tp)
    origin = typing.get_origin(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            if dataclasses.is_dataclass(args[0]):
                return "rows", args[0]
            if args[0] in _PLAIN:
                return "values", args[0]
        raise MappingError(f"tuple type {tp!r} cannot be stored (use tuple[X, ...])")
    if origin is dict:
        return "dict", tp
    if dataclasses.is_dataclass(tp):
        return "row", tp
    if tp is bool:
        return "column", "bool"
    if tp is dt.datetime:
        return "column", "datetime"
    if tp is dt.date:
        return "column", "date"
    for plain in (int, float, str):
        if tp is plain:
            return "column", plain.__name__
    raise MappingError(f"type {tp!r} cannot be stored")


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


def _row_table(name: str, shape: str, field: str, cls: type, parent: str | None = None) -> Table:
    """A table for the dataclass ``cls``: plain fields are columns, dataclass fields nested tables."""
    columns: list[Column] = []
    nested: list[Table] = []
    for fname, tp in _fields(cls):
        if fname in (FILM_KEY, ORD):
            raise MappingError(f"{cls.__name__}.{fname} clashes with the store's key columns")
        what, arg = _classify(tp)
        if what == "column":
            columns.append(Column(fname, arg))
        elif what == "values":
            columns.append(Column(fname, "tuple"))
        elif what == "dict":
            columns.append(Column(fname, "dict"))
        elif what == "row" and shape != "nested":
            nested.append(_row_table(f"{name}_{fname}", "nested", fname, arg, parent=name))
        else:
            raise MappingError(f"{cls.__name__}.{fname}: {tp!r} is nested too deeply to be stored")
    return Table(name, shape, field, cls, tuple(columns), tuple(nested), parent)


def _film_tables() -> tuple[Table, tuple[Table, ...]]:
    columns: list[Column] = []
    children: list[Table] = []
    for fname, tp in _fields(Film):
        what, arg = _classify(tp)
        table = f"film_{fname}"
        if what == "column":
            columns.append(Column(fname, arg))
        elif what in ("rows", "row"):
            children.append(_row_table(table, what, fname, arg))
        elif what == "dict":
            children.append(
                Table(table, "dict", fname, None, (Column("name", "str"), Column("value", "str")))
            )
        else:  # values
            kind = _classify(arg)[1]
            children.append(Table(table, "values", fname, None, (Column("value", kind),)))
    return Table("films", "film", None, Film, tuple(columns)), tuple(children)


FILMS, CHILDREN = _film_tables()
ALL_TABLES: tuple[Table, ...] = (FILMS, *CHILDREN, *(n for c in CHILDREN for n in c.nested))


def _encode_obj(table: Table, obj: Any) -> list[Any]:
    return [c.encode(getattr(obj, c.name)) for c in table.columns]


def film_rows(film: Film) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the film is stored as, by table name, in each table's ``column_names`` order."""
    rows: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in ALL_TABLES}
    rows[FILMS.name].append(tuple(_encode_obj(FILMS, film)))
    key = film.key
    for table in CHILDREN:
        value = getattr(film, table.field)
        if table.shape == "dict":
            items: list[Any] = list(value.items())
            rows[table.name] = [(key, i, k, v) for i, (k, v) in enumerate(items)]
            continue
        if table.shape == "values":
            rows[table.name] = [(key, i, table.columns[0].encode(v)) for i, v in enumerate(value)]
            continue
        objs = list(value) if table.shape == "rows" else ([] if value is None else [value])
        for i, obj in enumerate(objs):
            rows[table.name].append((key, i, *_encode_obj(table, obj)))
            for sub in table.nested:
                inner = getattr(obj, sub.field)
                if inner is not None:
                    rows[sub.name].append((key, i, *_encode_obj(sub, inner)))
    return rows


def _decode_obj(table: Table, row: Any, extra: dict[str, Any]) -> Any:
    kwargs = {c.name: c.decode(row[c.name]) for c in table.columns}
    kwargs.update(extra)
    return table.cls(**kwargs)


def _field_default(cls: type, name: str) -> Any:
    f = next(f for f in dataclasses.fields(cls) if f.name == name)
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    if f.default is not dataclasses.MISSING:
        return f.default
    raise MappingError(f"{cls.__name__}.{name} has no stored rows and no default")


def build_film(film_row: Any, rows: dict[str, list[Any]]) -> Film:
    """The Film from its ``films`` row and its child rows by table name (each list in ``ord`` order)."""
    kwargs: dict[str, Any] = {c.name: c.decode(film_row[c.name]) for c in FILMS.columns}
    for table in CHILDREN:
        table_rows = rows.get(table.name, [])
        if table.shape == "dict":
            kwargs[table.field] = {r["name"]: r["value"] for r in table_rows}
        elif table.shape == "values":
            col = table.columns[0]
            kwargs[table.field] = tuple(col.decode(r["value"]) for r in table_rows)
        else:
            nested_rows = {sub.field: {r[ORD]: r for r in rows.get(sub.name, [])} for sub in table.nested}
            objs = []
            for r in table_rows:
                extra = {}
                for sub in table.nested:
                    inner = nested_rows[sub.field].get(r[ORD])
                    extra[sub.field] = None if inner is None else _decode_obj(sub, inner, {})
                objs.append(_decode_obj(table, r, extra))
            if table.shape == "rows":
                kwargs[table.field] = tuple(objs)
            else:
                kwargs[table.field] = objs[0] if objs else _field_default(Film, table.field)
    return Film(**kwargs)
