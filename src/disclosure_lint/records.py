"""``record``: the part of ``dataclasses.dataclass`` this package uses, at a fraction of the
start-up cost.

Why not dataclasses: the standard decorator compiles the source of every generated method
separately, each time the program starts (0.8 ms per frozen, slotted class on the reference
machine; 40 ms for this package's 60 classes, a sixth of a pre-commit run). ``record``
writes the same methods as one piece of source per class and keeps the compiled code in the
persistent cache (``diskcache``), so a start costs an unmarshal and a function definition.
The generated methods are the ones dataclasses writes (same ``__init__`` body, equality
and hash over the same field tuples), so objects are as fast to build and compare.

Supported: ``frozen``, ``slots``, ``eq``, ``order``, ``repr``; fields with a default, a
``field(default=…, default_factory=…, repr=…, compare=…)``; inheritance between records;
``__post_init__``; ``replace()`` and ``fields()``. Not supported (not used here):
``InitVar``, keyword-only fields, ``unsafe_hash``.
"""

from __future__ import annotations

import reprlib
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    __slots__ = ("compare", "default", "default_factory", "name", "repr")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING, repr: bool = True,  # noqa: A002
                 compare: bool = True) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"


def field(*, default: Any = MISSING, default_factory: Any = MISSING, repr: bool = True,  # noqa: A002
          compare: bool = True) -> Any:
    return Field(default, default_factory, repr, compare)


def fields(obj: Any) -> tuple[Field, ...]:
    return obj.__record_fields__  # type: ignore[no-any-return]


def replace(obj: T, **changes: Any) -> T:
    """A copy of ``obj`` with some fields changed (``dataclasses.replace``)."""
    for f in obj.__record_fields__:  # type: ignore[attr-defined]
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def _is_classvar(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


_CACHE: Any = None


def _code_cache() -> Any:
    global _CACHE
    if _CACHE is None:
        from .diskcache import MarshalCache

        _CACHE = MarshalCache("records")
    return _CACHE


def _compiled(source: str) -> Any:
    cache = _code_cache()
    code = cache.get(source)
    if code is None:
        code = compile(source, "<record>", "exec")
        cache.put(source, code)
    return code


def _source(cls_fields: tuple[Field, ...], *, frozen: bool, eq: bool, order: bool, want_repr: bool,
            want_hash: bool, slots: bool, post_init: bool, has: Callable[[str], bool]) -> tuple[str, list[str]]:
    """The source of ``__make__(...)``, which returns the methods; and the names it defines."""
    names = [f.name for f in cls_fields]
    params: list[str] = []
    body: list[str] = []
    for f in cls_fields:
        n = f.name
        if f.default_factory is not MISSING:
            params.append(f"{n}=_MISSING")
            value = f"_factory_{n}() if {n} is _MISSING else {n}"
        elif f.default is not MISSING:
            params.append(f"{n}=_default_{n}")
            value = n
        else:
            params.append(n)
            value = n
        body.append(f"    _setattr(self, {n!r}, {value})" if frozen else f"    self.{n} = {value}")
    out: list[str] = []
    made: list[str] = []
    if not has("__init__"):
        out = [f"def __init__(self, {', '.join(params)}):" if params else "def __init__(self):"]
        if post_init:
            body.append("    self.__post_init__()")
        out += body or ["    pass"]
        made.append("__init__")
    if want_repr and not has("__repr__"):
        shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in cls_fields if f.repr)
        out += ["def __repr__(self):", f"    return f'{{self.__class__.__qualname__}}({shown})'"]
        made.append("__repr__")
    compared = [f.name for f in cls_fields if f.compare]
    tup = "(" + "".join(f"self.{n}," for n in compared) + ")"
    other = "(" + "".join(f"other.{n}," for n in compared) + ")"
    if eq and not has("__eq__"):
        out += ["def __eq__(self, other):",
                "    if other.__class__ is self.__class__:",
                f"        return {tup} == {other}",
                "    return NotImplemented"]
        made.append("__eq__")
    if order:
        for name, op in (("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")):
            out += [f"def {name}(self, other):",
                    "    if other.__class__ is self.__class__:",
                    f"        return {tup} {op} {other}",
                    "    return NotImplemented"]
            made.append(name)
    if want_hash:
        out += ["def __hash__(self):", f"    return hash({tup})"]
        made.append("__hash__")
    if frozen:
        out += ["def __setattr__(self, name, value):",
                f"    if type(self) is _cls or name in {tuple(names)!r}:",
                "        raise _Frozen(f'cannot assign to field {name!r}')",
                "    super(_cls, self).__setattr__(name, value)",
                "def __delattr__(self, name):",
                f"    if type(self) is _cls or name in {tuple(names)!r}:",
                "        raise _Frozen(f'cannot delete field {name!r}')",
                "    super(_cls, self).__delattr__(name)"]
        made += ["__setattr__", "__delattr__"]
        if slots:  # pickling a frozen slotted object cannot go through __setattr__
            out += ["def __getstate__(self):",
                    f"    return [{', '.join(f'self.{n}' for n in names)}]",
                    "def __setstate__(self, state):",
                    f"    for name, value in zip({tuple(names)!r}, state):",
                    "        _setattr(self, name, value)"]
            made += ["__getstate__", "__setstate__"]
    free = ["_cls", "_setattr", "_Frozen", "_MISSING"]
    free += [f"_default_{f.name}" for f in cls_fields if f.default is not MISSING]
    free += [f"_factory_{f.name}" for f in cls_fields if f.default_factory is not MISSING]
    inner = "\n".join("    " + line for line in out)
    source = f"def __make__({', '.join(free)}):\n{inner}\n    return ({', '.join(made)},)\n"
    return source, made


def _process(cls: type, frozen: bool, eq: bool, order: bool, want_repr: bool, slots: bool) -> type:
    inherited: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__record_fields__", ()):
            inherited[f.name] = f
    own: list[Field] = []
    annotations = cls.__dict__.get("__annotations__")
    if annotations is None and sys.version_info >= (3, 14):  # annotations are evaluated lazily
        import annotationlib

        annotations = annotationlib.get_annotations(cls, format=annotationlib.Format.FORWARDREF)
    for name, annotation in (annotations or {}).items():
        if _is_classvar(annotation):
            continue
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        own.append(f)
        inherited.pop(name, None)
    all_fields = (*inherited.values(), *own)
    seen_default = False
    for f in all_fields:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument in {cls.__qualname__}")
    if slots:
        ns = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
        for f in own:
            ns.pop(f.name, None)
        ns["__slots__"] = tuple(f.name for f in own)
        qualname = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, ns)
        cls.__qualname__ = qualname
    else:
        for f in own:  # plain defaults stay as class attributes, as with dataclasses
            if isinstance(cls.__dict__.get(f.name), Field):
                if f.default is MISSING:
                    delattr(cls, f.name)
                else:
                    setattr(cls, f.name, f.default)

    class_hash = cls.__dict__.get("__hash__", MISSING)
    explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in cls.__dict__))
    want_hash = eq and frozen and not explicit_hash
    source, made = _source(all_fields, frozen=frozen, eq=eq, order=order, want_repr=want_repr,
                           want_hash=want_hash, slots=slots,
                           post_init=hasattr(cls, "__post_init__"), has=lambda n: n in cls.__dict__)
    namespace: dict[str, Any] = {}
    exec(_compiled(source), {"__builtins__": __builtins__}, namespace)  # noqa: S102 - our own generated code
    args: list[Any] = [cls, object.__setattr__, FrozenInstanceError, MISSING]
    args += [f.default for f in all_fields if f.default is not MISSING]
    args += [f.default_factory for f in all_fields if f.default_factory is not MISSING]
    for name, fn in zip(made, namespace["__make__"](*args)):
        fn.__qualname__ = f"{cls.__qualname__}.{name}"
        if name == "__repr__":
            fn = reprlib.recursive_repr()(fn)
        setattr(cls, name, fn)
    if eq and not frozen and not explicit_hash:
        cls.__hash__ = None  # type: ignore[assignment]  # mutable and comparable: unhashable
    cls.__record_fields__ = all_fields  # type: ignore[attr-defined]
    cls.__match_args__ = tuple(f.name for f in all_fields)  # type: ignore[attr-defined]
    return cls


def record(cls: Any = None, /, *, frozen: bool = False, eq: bool = True, order: bool = False,
           repr: bool = True, slots: bool = False) -> Any:  # noqa: A002
    """Decorate a class like ``@dataclasses.dataclass`` (see the module's docstring)."""

    def wrap(c: type) -> type:
        return _process(c, frozen, eq, order, repr, slots)

    return wrap if cls is None else wrap(cls)

