"""Other systems: outbound webhooks, the inbound Fachverfahren status bridge, and links to
online services and appointment booking."""
