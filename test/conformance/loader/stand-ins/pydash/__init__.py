"""A minimal stand-in for pydash, written for aml-yaml's conformance runner.

Debian's python3-azure (azure-ai-ml 1.4.0) imports pydash, which Debian does
not package. The loader uses only `get`, `set_` and `omit` (as `pydash.get`,
`pydash.omit` and `pydash.objects.set_`); this module provides those with the
semantics the loader relies on: dotted paths, list indices, a default.
The runner puts this folder last on sys.path, so a real pydash wins.
"""
from . import objects
from .objects import get, omit, set_

__all__ = ["get", "omit", "set_", "objects"]
