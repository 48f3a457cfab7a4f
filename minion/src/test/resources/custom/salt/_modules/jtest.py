"""A custom execution module for jsalt's tests: dunders, __salt__ calls, errors."""
import logging

from salt.exceptions import CommandExecutionError, CommandNotFoundError, SaltInvocationError

log = logging.getLogger(__name__)

__func_alias__ = {"list_": "list"}


def echo(*args, **kwargs):
    """Returns its arguments: positional ones and keywords other than Salt's __pub_*."""
    return {"args": list(args), "kwargs": {k: v for k, v in kwargs.items() if not k.startswith("__")}}


def plain(a, b=2):
    """Takes no **kwargs, so it gets no __pub_* keywords."""
    return [a, b]


def dunders():
    """What the module sees of its dunders."""
    __context__["count"] = __context__.get("count", 0) + 1
    return {
        "test": __opts__["test"],
        "id": __grains__.get("id"),
        "role": __pillar__.get("role"),
        "env": __env__,
        "count": __context__["count"],
        "has_echo": "jtest.echo" in __salt__,
        "has_ping": "test.ping" in __salt__,
        "has_nothing": "nope.nothing" in __salt__,
    }


def shell(cmd):
    """Runs a shell command through jsalt's cmd.run; prints on stdout must not break the protocol."""
    print("this goes to the log, not to the protocol")
    log.warning("jtest.shell runs %s", cmd)
    return __salt__["cmd.run"](cmd, python_shell=True)


def nested():
    """Calls another custom function in this process (it sees the same __context__) and a built-in."""
    __context__["seen"] = "here"
    return {"other": __salt__["jtest.context_seen"](), "ping": __salt__["test.ping"]()}


def context_seen():
    """Returns __context__['seen']."""
    return __context__.get("seen")


def missing_call():
    """Calls a function nobody has: Salt raises KeyError."""
    try:
        __salt__["nope.nothing"]()
    except KeyError as e:
        return "KeyError " + str(e)


def failing_callback():
    """A built-in that fails raises CommandExecutionError here, as in Salt."""
    try:
        __salt__["cmd.run"]("true", cwd="/nonexistent/jsalt-custom-test")
    except CommandExecutionError as e:
        return "caught: " + e.message
    return "not raised"


def list_():
    """Exported as jtest.list through __func_alias__."""
    return ["listed"]


def _private():
    return "never exported"


def fail():
    """Raises CommandExecutionError."""
    raise CommandExecutionError("the thing is broken")


def not_found():
    """Raises CommandNotFoundError."""
    raise CommandNotFoundError("ufw is not installed")


def invalid():
    """Raises SaltInvocationError."""
    raise SaltInvocationError("'x' must be a number")


def crash():
    """Raises an exception Salt knows nothing about."""
    raise ValueError("no good value")


def bad_return():
    """Returns bytes, which cannot cross to jsalt."""
    return {"data": b"\x00\x01"}


def int_keys():
    """Returns a dict with an int key: an error, not a silent string key."""
    return {1: "one"}


def salt_utils():
    """Imports what the shim does not have."""
    try:
        import salt.utils.files  # noqa: F401
    except ImportError as e:
        return str(e)


def set_retcode():
    """Sets the job's retcode through __context__."""
    __context__["retcode"] = 5
    return "done"


def sleep(seconds):
    """Sleeps in a child process of its own, for the kill test."""
    return __salt__["cmd.run"]("sleep {}".format(int(seconds)), python_shell=True)
