"""Procedure register (Vorgang): running procedures of specialist systems and their status for
citizens, whether or not they started in Anliegen."""
