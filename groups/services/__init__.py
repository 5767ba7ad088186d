"""Writes for affinity groups: staff management, membership, threads and posts."""
