"""`get`, `set_` and `omit` over dicts, lists and attributes (see __init__.py)."""

_MISSING = object()


def _parts(path):
    if isinstance(path, (list, tuple)):
        return list(path)
    return [p for p in str(path).split(".") if p != ""]


def _step(value, key):
    if isinstance(value, dict):
        return value.get(key, _MISSING)
    if isinstance(value, (list, tuple)):
        try:
            index = int(key)
        except (TypeError, ValueError):
            return _MISSING
        return value[index] if -len(value) <= index < len(value) else _MISSING
    return getattr(value, str(key), _MISSING)


def get(obj, path, default=None):
    """The value at a dotted path (`a.b.0.c`), or `default` when any step is missing."""
    value = obj
    for key in _parts(path):
        value = _step(value, key)
        if value is _MISSING:
            return default
    return value


def set_(obj, path, value):
    """Sets the value at a dotted path, creating dicts for missing steps; returns obj."""
    keys = _parts(path)
    if not keys:
        return obj
    target = obj
    for key in keys[:-1]:
        nxt = _step(target, key)
        if nxt is _MISSING or nxt is None:
            nxt = {}
            if isinstance(target, list):
                target[int(key)] = nxt
            elif isinstance(target, dict):
                target[key] = nxt
            else:
                setattr(target, key, nxt)
        target = nxt
    last = keys[-1]
    if isinstance(target, list):
        target[int(last)] = value
    elif isinstance(target, dict):
        target[last] = value
    else:
        setattr(target, last, value)
    return obj


def omit(obj, *paths):
    """A shallow copy of a dict without the given top-level keys (lists of keys accepted)."""
    drop = set()
    for p in paths:
        if isinstance(p, (list, tuple, set)):
            drop.update(p)
        else:
            drop.add(p)
    return {k: v for k, v in dict(obj).items() if k not in drop}
