"""The check judges what ran."""
