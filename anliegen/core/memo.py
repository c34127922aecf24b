"""Per-request (or per-batch) memory for values asked for again and again.

A staff page asks "which offices does this user work for?" from the access layer, the inbox
counters, the pickers and the forms: about twenty identical small queries per page. Inside a
request (RequestMemoMiddleware) the first answer is kept until the response is done. A batch of
work outside a request (the mail fetcher's batch of mails) opens its own ``memo_scope()`` so
that the catalogue, the mailboxes and the policies are read once per batch instead of once per
mail. Outside both (tasks, commands, tests calling functions directly) nothing is kept, so a
change made there is seen at once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")
_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("anliegen_request_memo", default=None)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per request for ``key``. Callers get the same object each time:
    return immutable values (frozenset, tuple) or copy before changing them."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[no-any-return]


@contextmanager
def memo_scope() -> Iterator[None]:
    """Keep remembered values until the block ends. Inside an open scope (a request that runs
    a batch) the outer scope's memory is used, so nothing is read twice and nothing outlives
    the outer scope."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with memo_scope():
            return self.get_response(request)
