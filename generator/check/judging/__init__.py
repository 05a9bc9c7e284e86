"""Judging what ran: the wire against api.yaml, what a sample printed, paging and the
credential contract."""
