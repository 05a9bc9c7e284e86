"""Readers' feedback: the collector behind "Was this guide helpful?", its storage and report."""
