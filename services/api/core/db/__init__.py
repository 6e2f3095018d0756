"""Database helpers that know nothing of the jobs app."""
