"""Prepares the raw card transactions for training (placeholder for the example)."""
