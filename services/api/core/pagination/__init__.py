"""Keyset (cursor) pagination for DRF: the cursor codec and the paginator.

Knows nothing of the jobs app; ``jobs.pagination`` configures it.  The
design and its sources are in docs/architecture.md, "Keyset pagination".
"""
