"""Domain errors. Interfaces turn them into clear messages in the user's language."""

from django.utils.functional import Promise


class DomainError(Exception):
    """A refused action. ``message`` is a translatable text for the person who asked."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


class NotFound(DomainError):
    """Does not exist, or the person may not see it: both look the same from outside."""


class PermissionDenied(DomainError):
    pass


class InvalidTransition(DomainError):
    pass


class ValidationFailed(DomainError):
    pass
