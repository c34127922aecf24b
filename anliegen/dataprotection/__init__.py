"""The data protection interface: retention runs, dossiers, data-subject requests, the audit
viewer. It reads tickets through ``tickets.access`` and writes through ``tickets.actions``,
like every other interface; the audit core (models, ``record()``) stays in ``privacy``."""
