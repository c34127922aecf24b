from __future__ import annotations

from typing import Self

from django.db import models


class SingletonPolicy(models.Model):
    """A policy kept as one row (pk 1) that administrators edit in the admin.

    Policies are data, not settings, so a city changes them without a deployment; the row is
    created with the field defaults the first time anyone reads it.
    """

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> Self:
        policy, _created = cls._default_manager.get_or_create(pk=1)
        return policy
