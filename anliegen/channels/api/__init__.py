"""REST API v1 (django-ninja): tickets, catalogue, org units, routing suggestions."""
