#!/usr/bin/env python3
"""The Azure ML loader as a service, for aml-yaml's conformance suite.

Started by scripts/conformance.mjs with the Python that has azure-ai-ml (Debian's
python3-azure). It imports azure.ai.ml once, writes one JSON line

    {"ready": true, "version": "1.4.0", "loaders": ["load_compute", ...]}

then answers one request per stdin line, {"id": ..., "loader": "load_compute",
"path": "/abs/spec.yml"}, with one line {"id": ..., "ok": true|false|null,
"error": "<exception class>", "message": "<text>"}: ok is true when the load
function returns, false when it raises (its message is what `az ml ... create
--file` shows), null when it has no such function or the load hangs.

Everything the SDK prints goes to stderr; the answers use a private copy of stdout.
"""
import json
import os
import re
import signal
import sys
import warnings

ANSWERS = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr
warnings.filterwarnings("ignore")
# Our pydash stand-in, used only when pydash itself is not installed.
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "stand-ins"))

TIMEOUT_SECONDS = int(os.environ.get("AML_YAML_LOADER_TIMEOUT", "30"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Hung(Exception):
    pass


def on_alarm(signum, frame):
    raise Hung()


def answer(obj):
    ANSWERS.write(json.dumps(obj, sort_keys=True) + "\n")
    ANSWERS.flush()


def message_of(exc):
    text = str(exc) or type(exc).__name__
    text = ANSI.sub("", text)
    return " ".join(text.split())[:2000]


_DECODER = json.JSONDecoder()


def _leaves(obj, path, out):
    """(dotted path, message) for every leaf of a marshmallow error structure."""
    if isinstance(obj, dict):
        if isinstance(obj.get("errors"), list) and "result" in obj:  # the SDK's own validation result
            for e in obj["errors"]:
                p = str(e.get("path", "") or "")
                sub = path + ([] if p in ("", "*") else p.split("."))
                _text_leaves(str(e.get("message", "")), sub, out)
            return
        for key, value in obj.items():
            key = str(key)
            if key in ("_schema", "value"):  # a whole-object error / a dict field's value error
                _leaves(value, path, out)
            elif key == "key":
                _leaves(value, path + ["<key>"], out)
            else:
                _leaves(value, path + [key], out)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            _leaves(value, path, out)
    else:
        _text_leaves(str(obj), path, out)


def _text_leaves(text, path, out):
    """A message that embeds another structured error ("Validation for X failed: {...}") is expanded."""
    start = text.find("{")
    if "failed" in text[: start if start >= 0 else 0] and start >= 0:
        try:
            inner, _ = _DECODER.raw_decode(text, start)
            before = len(out)
            _leaves(inner, path, out)
            if len(out) > before:
                return
        except ValueError:
            pass
    out.append((".".join(path), " ".join(text.split())[:200]))


def leaves_of(exc):
    """The loader's error as (path, message) leaves: marshmallow's structured messages, else the JSON in its text."""
    out = []
    messages = getattr(exc, "messages", None)
    if isinstance(messages, (dict, list)):
        _leaves(messages, [], out)
    else:
        _text_leaves(ANSI.sub("", str(exc)), [], out)
    seen, unique = set(), []
    for leaf in out:
        if leaf not in seen:
            seen.add(leaf)
            unique.append([leaf[0], leaf[1]])
    return unique[:40]


def main():
    import logging

    logging.disable(logging.CRITICAL)
    import azure.ai.ml as aml
    from azure.ai.ml._version import VERSION

    loaders = {name: getattr(aml, name) for name in dir(aml) if name.startswith("load_")}
    try:  # functions 1.4.0 defines without exporting them (load_schedule)
        from azure.ai.ml.entities import _load_functions as more

        for name in dir(more):
            if name.startswith("load_") and name not in loaders and callable(getattr(more, name)):
                loaders[name] = getattr(more, name)
    except ImportError:
        pass
    loaders.pop("load_common", None)
    signal.signal(signal.SIGALRM, on_alarm)
    answer({"ready": True, "version": VERSION, "loaders": sorted(loaders)})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        out = {"id": request.get("id")}
        load = loaders.get(request.get("loader"))
        if load is None:
            out.update(ok=None, error="NoLoader", message="azure-ai-ml %s has no %s" % (VERSION, request.get("loader")))
            answer(out)
            continue
        signal.alarm(TIMEOUT_SECONDS)
        try:
            load(request["path"])
            out.update(ok=True, error="", message="")
        except Hung:
            out.update(ok=None, error="Timeout", message="the load took longer than %ds" % TIMEOUT_SECONDS)
        except Exception as exc:  # noqa: BLE001 - whatever the loader raises is its verdict
            out.update(ok=False, error=type(exc).__name__, message=message_of(exc), errors=leaves_of(exc))
        finally:
            signal.alarm(0)
        answer(out)


if __name__ == "__main__":
    main()
