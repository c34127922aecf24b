"""Per-request memory for values that one request asks for again and again.

A staff page asks "which offices does this user work for?" from the access layer, the inbox
counters, the pickers and the forms: about twenty identical small queries per page. Inside a
request (RequestMemoMiddleware) the first answer is kept until the response is done; outside a
request (tasks, commands, tests calling functions directly) nothing is kept, so a change made
there is seen at once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
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


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
