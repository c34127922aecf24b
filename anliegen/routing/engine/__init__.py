"""Routing engine: free citizen text → ranked catalogue services, with confidence and reasons.

Pure Python (numpy, scipy, scikit-learn for training); no Django. See docs/design/routing.md.
"""

from __future__ import annotations

from .model import DEFAULT_AUTO_ROUTE_THRESHOLD, RoutingModel
from .schema import Evidence, Example, Scored, ServiceDoc
from .serialize import dumps, loads
from .training import train

__all__ = [
    "DEFAULT_AUTO_ROUTE_THRESHOLD",
    "Evidence",
    "Example",
    "RoutingModel",
    "Scored",
    "ServiceDoc",
    "dumps",
    "loads",
    "train",
]
