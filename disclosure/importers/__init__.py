"""Importers turn outside material (plain text, JSON records, legacy HTML) into page data.

The management commands only delegate to these modules, so each can be reused and tested alone.
"""
