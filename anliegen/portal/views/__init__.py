"""Citizen portal views. They validate input and call the ticket actions; no business rules."""
