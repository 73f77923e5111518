"""Page cache for anonymous visitors, purged on publish (docs/operations.md, "Page cache")."""
