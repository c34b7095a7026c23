"""Extension points: how a lower layer asks a higher one without importing it.

A lower app declares a `Hook` where it needs an answer only a higher app can give (is this
dossier frozen by an application? may this reviewer see this file?); the higher app registers its
function in its AppConfig.ready(). The lower app calls `hook.first(...)`, `hook.any(...)` or
iterates the registered functions. Registration is idempotent, so a ready() that runs twice (the
test runner, autoreload) registers once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class Hook(Generic[F]):
    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.__doc__ = doc
        self._functions: list[F] = []

    def register(self, function: F) -> F:
        """Add `function` (usable as a decorator); a second registration of the same one is ignored."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __iter__(self) -> Iterator[F]:
        return iter(tuple(self._functions))

    def __len__(self) -> int:
        return len(self._functions)

    def any(self, *args: Any, **kwargs: Any) -> bool:
        """True when a registered function answers true (none registered: False)."""
        return any(function(*args, **kwargs) for function in self)

    def first(self, *args: Any, default: Any = None, **kwargs: Any) -> Any:
        """The first answer that is not None, else `default`."""
        for function in self:
            answer = function(*args, **kwargs)
            if answer is not None:
                return answer
        return default

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._functions)} registered>"
