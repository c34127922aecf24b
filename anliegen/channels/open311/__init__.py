"""Open311 GeoReport v2 (JSON and XML) on top of the catalogue and the ticket actions."""
