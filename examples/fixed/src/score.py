"""Scores transactions with the fraud model (placeholder for the example)."""


def init():
    pass


def run(raw_data):
    return []
