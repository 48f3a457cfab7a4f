"""Runs custom Salt modules (_modules/*.py, _states/*.py) for the jsalt minion.

The minion starts this script with python3 for one job call. Protocol: one JSON object a
line. The minion writes the request on stdin; this side answers on stdout, where only the
protocol goes (print() and logging go to stderr, which the minion logs). While a function
runs, each __salt__ / __states__ call it makes is a {"salt": ...} or {"state": ...} line,
answered by the minion with {"ret": value} or {"error": {"type": ..., "message": ...}}. The
last line is {"ret": value} or {"error": {...}}.
"""

import functools
import importlib.abc
import importlib.util
import inspect
import json
import logging
import math
import os
import sys
import traceback
import types

_PROTO = sys.stdout
_REQUESTS = sys.stdin
sys.stdout = sys.stderr
sys.stdin = open(os.devnull)
logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


class CannotCross(TypeError):
    """A value that JSON cannot carry to the minion exactly."""


def _plain(value, where):
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        raise CannotCross("{} is {!r}, which cannot be sent to jsalt".format(where, value))
    if isinstance(value, (list, tuple)):
        return [_plain(v, "{}[{}]".format(where, i)) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise CannotCross("{} has the key {!r} (a {}): only string keys can be sent to jsalt".format(
                    where, k, type(k).__name__))
            out[k] = _plain(v, "{}[{!r}]".format(where, k))
        return out
    raise CannotCross("{} is a {}, which cannot be sent to jsalt".format(where, type(value).__name__))


def _send(msg):
    _PROTO.write(json.dumps(msg, allow_nan=False) + "\n")
    _PROTO.flush()


def _recv():
    line = _REQUESTS.readline()
    if not line:
        os._exit(3)
    return json.loads(line)


# --- the salt package shim -------------------------------------------------------------

def _exceptions_module():
    mod = types.ModuleType("salt.exceptions")

    class SaltException(Exception):
        def __init__(self, message="", *args, **kwargs):
            super().__init__(message, *args)
            self.message = self.strerror = message

    class CommandExecutionError(SaltException):
        def __init__(self, message="", info=None):
            self.info = info
            super().__init__(message)

    classes = {"SaltException": SaltException, "CommandExecutionError": CommandExecutionError}

    def define(name, *bases):
        classes[name] = type(name, tuple(classes[b] if b in classes else b for b in bases), {})

    define("SaltClientError", "SaltException")
    define("SaltMasterError", "SaltException")
    define("SaltRunnerError", "SaltException")
    define("SaltRenderError", "SaltException")
    define("SaltReqTimeoutError", "SaltException")
    define("SaltCacheError", "SaltException")
    define("SaltConfigurationError", "SaltException")
    define("SaltDeserializationError", "SaltException")
    define("SaltInvocationError", "SaltException", TypeError)
    define("CommandNotFoundError", "SaltException")
    define("MinionError", "SaltException")
    define("FileserverConfigError", "SaltException")
    define("FileLockError", "SaltException")
    define("TimedProcTimeoutError", "SaltException")
    define("TemplateError", "SaltException")
    define("LoaderError", "SaltException")
    define("InvalidConfigError", "CommandExecutionError")
    define("ArgumentValueError", "CommandExecutionError")
    define("CheckError", "CommandExecutionError")
    define("AuthenticationError", "SaltException")
    define("AuthorizationError", "SaltException")
    classes["SaltSystemExit"] = type("SaltSystemExit", (SystemExit,), {})
    for name, cls in classes.items():
        cls.__module__ = "salt.exceptions"
        setattr(mod, name, cls)
    return mod


def _platform_module():
    mod = types.ModuleType("salt.utils.platform")
    mod.is_windows = lambda: sys.platform.startswith("win")
    mod.is_linux = lambda: sys.platform.startswith("linux")
    mod.is_darwin = lambda: sys.platform.startswith("darwin")
    mod.is_sunos = lambda: sys.platform.startswith("sunos")
    mod.is_freebsd = lambda: sys.platform.startswith("freebsd")
    mod.is_openbsd = lambda: sys.platform.startswith("openbsd")
    mod.is_netbsd = lambda: sys.platform.startswith("netbsd")
    mod.is_aix = lambda: sys.platform.startswith("aix")
    mod.is_smartos = lambda: False
    mod.is_proxy = lambda: False
    return mod


def _package(name):
    mod = types.ModuleType(name)
    mod.__path__ = []
    return mod


SHIM = {
    "salt": _package("salt"),
    "salt.exceptions": _exceptions_module(),
    "salt.utils": _package("salt.utils"),
    "salt.utils.platform": _platform_module(),
    "salt.loaded": _package("salt.loaded"),
    "salt.loaded.ext": _package("salt.loaded.ext"),
    "salt.loaded.ext.modules": _package("salt.loaded.ext.modules"),
    "salt.loaded.ext.states": _package("salt.loaded.ext.states"),
}
SHIM["salt"].exceptions = SHIM["salt.exceptions"]
SHIM["salt"].utils = SHIM["salt.utils"]
SHIM["salt.utils"].platform = SHIM["salt.utils.platform"]
sys.modules.update(SHIM)
EXC = SHIM["salt.exceptions"]


class _ShimFinder(importlib.abc.MetaPathFinder):
    """Answers every import of salt.*: what the shim has, else a clear ImportError."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "salt" or fullname.startswith("salt."):
            if fullname in sys.modules:
                return None
            raise ImportError("jsalt runs custom modules without Salt: its salt package offers only {} "
                              "(no module named '{}')".format(", ".join(sorted(k for k in SHIM
                                                                                if not k.startswith("salt.loaded"))),
                                                             fullname), name=fullname)
        return None


sys.meta_path.insert(0, _ShimFinder())


# --- dunders -----------------------------------------------------------------------------

class _FunctionTable:
    """__salt__ / __states__: a mapping whose calls go to the minion (or stay here when the
    function is another custom module's)."""

    def __init__(self, kind, session):
        self._kind = kind
        self._session = session
        self._known = {}

    def _lookup(self, fun):
        if fun not in self._known:
            _send({"has": fun, "kind": self._kind})
            self._known[fun] = _answer()
        return self._known[fun]

    def __contains__(self, fun):
        return isinstance(fun, str) and bool(self._lookup(fun))

    def __getitem__(self, fun):
        found = self._lookup(fun) if isinstance(fun, str) else None
        if not found:
            raise KeyError(fun)
        if isinstance(found, dict) and found.get("file"):
            return self._session.local(self._kind, found["name"], found["file"], fun)
        return functools.partial(self._remote, fun)

    def get(self, fun, default=None):
        try:
            return self[fun]
        except KeyError:
            return default

    def _remote(self, fun, *args, **kwargs):
        key = "salt" if self._kind == "modules" else "state"
        _send({key: fun, "args": _plain(list(args), fun + " arguments"),
               "kwargs": _plain(kwargs, fun + " keyword arguments")})
        return _answer()


def _answer():
    msg = _recv()
    if "error" in msg:
        err = msg["error"]
        if err.get("type") == "KeyError":
            raise KeyError(err.get("message"))
        if err.get("type") == "TypeError":
            raise TypeError(err.get("message"))
        cls = getattr(EXC, err.get("type", ""), None)
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            cls = EXC.CommandExecutionError
        raise cls(err.get("message", ""))
    return msg.get("ret")


class Session:
    """One request: its dunders, and the modules it has loaded."""

    def __init__(self, req):
        self.req = req
        self.opts = dict(req.get("opts") or {})
        self.opts["test"] = bool(req.get("test"))
        self.grains = req.get("grains") or {}
        self.pillar = req.get("pillar") or {}
        self.context = {}
        self.salt = _FunctionTable("modules", self)
        self.states = _FunctionTable("states", self)
        self.loaded = {}

    def dunders(self, kind):
        d = {"__salt__": self.salt, "__opts__": self.opts, "__grains__": self.grains, "__pillar__": self.pillar,
             "__context__": self.context, "__env__": self.req.get("saltenv") or "base", "__utils__": {},
             "__serializers__": {}}
        if kind == "states":
            d["__states__"] = self.states
        return d

    def load(self, kind, path):
        """Loads a module file and runs its __virtual__: (module, name, functions) or (None, reason)."""
        key = (kind, path)
        if key in self.loaded:
            return self.loaded[key]
        stem = os.path.splitext(os.path.basename(path))[0]
        modname = "salt.loaded.ext.{}.{}".format(kind, stem)
        spec = importlib.util.spec_from_file_location(modname, path)
        mod = importlib.util.module_from_spec(spec)
        for k, v in self.dunders(kind).items():
            setattr(mod, k, v)
        sys.modules[modname] = mod
        spec.loader.exec_module(mod)
        for k, v in self.dunders(kind).items():
            setattr(mod, k, v)
        name = getattr(mod, "__virtualname__", stem)
        virtual = getattr(mod, "__virtual__", None)
        reason = None
        if callable(virtual):
            res = virtual()
            if isinstance(res, tuple):
                res, reason = (res + (None,))[:2]
            if res is False:
                out = (None, reason if reason else "No reason was given")
                self.loaded[key] = out
                return out
            if isinstance(res, str):
                name = res
        aliases = getattr(mod, "__func_alias__", {}) or {}
        functions = {}
        for attr in getattr(mod, "__load__", dir(mod)):
            if attr.startswith("_"):
                continue
            fn = getattr(mod, attr, None)
            if inspect.isfunction(fn) or isinstance(fn, functools.partial):
                functions[aliases.get(attr, attr)] = fn
        out = (mod, name, functions)
        self.loaded[key] = out
        return out

    def local(self, kind, name, path, fun):
        loaded = self.load(kind, path)
        if loaded[0] is None:
            raise KeyError(fun)
        fn = loaded[2].get(fun.split(".", 1)[1])
        if fn is None:
            raise KeyError(fun)
        if kind == "states":
            return lambda *a, **kw: fn(*a, **kw)
        return lambda *a, **kw: fn(*a, **_exec_kwargs(fn, fun, kw))


def _accepts_kwargs(fn):
    try:
        return any(p.kind == p.VAR_KEYWORD for p in inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return True


def _exec_kwargs(fn, fun, kwargs):
    """Salt's load_args_and_kwargs: __pub_* only for functions taking **kwargs. test=, which
    the minion has made __opts__['test'], only for functions that name it."""
    if _accepts_kwargs(fn):
        return kwargs
    params = inspect.signature(fn).parameters
    return {k: v for k, v in kwargs.items() if not k.startswith("__pub_") and (k != "test" or k in params)}


def _scan(session):
    out = {}
    for kind, paths in (session.req.get("files") or {}).items():
        found = []
        for path in paths:
            entry = {"file": path}
            try:
                loaded = session.load(kind, path)
                if loaded[0] is None:
                    entry["unavailable"] = str(loaded[1])
                    entry["name"] = getattr(sys.modules.get("salt.loaded.ext.{}.{}".format(
                        kind, os.path.splitext(os.path.basename(path))[0])), "__virtualname__",
                        os.path.splitext(os.path.basename(path))[0])
                else:
                    entry["name"] = loaded[1]
                    entry["functions"] = {k: inspect.getdoc(v) or "" for k, v in sorted(loaded[2].items())}
            except BaseException:  # a module that cannot load is reported, the others still are
                entry["name"] = os.path.splitext(os.path.basename(path))[0]
                entry["unavailable"] = "it failed to load: " + traceback.format_exc(limit=-3).strip()
            found.append(entry)
        out[kind] = found
    return out


def _call_state(fn, fun, kwargs, session):
    """Salt's State.call: dunder keywords become the module's globals, the rest are matched to
    the function's parameters (format_call)."""
    mod = inspect.getmodule(fn)
    for key in ("__env__", "__sls__", "__id__", "__running__", "__lowstate__", "__low__"):
        if key in kwargs and mod is not None:
            setattr(mod, key, kwargs[key])
    params = inspect.signature(fn).parameters
    takes_all = any(p.kind == p.VAR_KEYWORD for p in params.values())
    call = {}
    for k, v in kwargs.items():
        if k.startswith("__"):
            continue
        if takes_all or k in params:
            call[k] = v
    missing = [p.name for p in params.values()
               if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in call]
    if missing:
        return {"name": kwargs.get("name"), "result": False, "changes": {},
                "comment": "\n".join("Missing parameter {} for state {}".format(m, fun) for m in missing)}
    return fn(**call)


def _error_type(kind, e):
    """The outcome Salt's minion gives the exception (salt/minion.py, _thread_return)."""
    if kind == "states":
        return "exception"
    for name in ("CommandNotFoundError", "CommandExecutionError", "SaltInvocationError"):
        if isinstance(e, getattr(EXC, name)):
            return name
    return "TypeError" if isinstance(e, TypeError) else "exception"


def main():
    req = _recv()
    session = Session(req)
    fn = None
    try:
        if req["op"] == "scan":
            _send({"ret": _scan(session)})
            return
        kind, fun = req["kind"], req["fun"]
        loaded = session.load(kind, req["file"])
        if loaded[0] is None:
            _send({"error": {"type": "unavailable", "message": str(loaded[1])}})
            return
        fn = loaded[2].get(fun.split(".", 1)[1])
        if fn is None:
            _send({"error": {"type": "missing", "message": "'{}' is not available.".format(fun)}})
            return
        args, kwargs = req.get("args") or [], req.get("kwargs") or {}
        if kind == "states":
            ret = _call_state(fn, fun, kwargs, session)
        else:
            kwargs = _exec_kwargs(fn, fun, kwargs)
            if not _accepts_kwargs(fn):
                params = inspect.signature(fn).parameters
                bad = ["{}={}".format(k, v) for k, v in kwargs.items() if k not in params]
                if bad:
                    raise EXC.SaltInvocationError(
                        "The following keyword arguments are not valid: {}".format(", ".join(bad)))
            ret = fn(*args, **kwargs)
        ret = _plain(ret, "the return of " + fun)
        _send({"ret": ret, "retcode": session.context.get("retcode")})
    except CannotCross as e:
        _send({"error": {"type": "CannotCross", "message": str(e)}})
    except BaseException as e:  # every failure is reported to the minion, never lost
        _send({"error": {"type": _error_type(req.get("kind"), e), "message": str(e),
                         "traceback": traceback.format_exc(), "doc": (inspect.getdoc(fn) or "") if fn else ""}})


if __name__ == "__main__":
    main()
