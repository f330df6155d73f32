"""Trains the fraud model (placeholder for the example)."""
