"""A custom state module for jsalt's tests: files with content, test mode, __salt__ and __states__."""
import os

from salt.exceptions import CommandExecutionError


def __virtual__():
    # A state module's __virtual__ asking for an execution function: a built-in and a custom one.
    if "test.ping" in __salt__ and "jtest.context_seen" in __salt__:
        return "jstate"
    return (False, "jstate needs test.ping and jtest.context_seen")


def present(name, content, mode_hint=None):
    """Makes the file NAME hold CONTENT."""
    ret = {"name": name, "changes": {}, "result": True, "comment": ""}
    current = None
    if os.path.exists(name):
        with open(name) as f:
            current = f.read()
    if current == content:
        ret["comment"] = "{} is in the correct state".format(name)
        return ret
    if __opts__["test"]:
        ret["result"] = None
        ret["comment"] = "{} would be written".format(name)
        ret["changes"] = {"content": content}
        return ret
    with open(name, "w") as f:
        f.write(content)
    ret["comment"] = "{} written in {} by {}".format(name, __env__, __salt__["jtest.context_seen"]() or "jtest")
    ret["changes"] = {"content": content}
    return ret


def through_states(name):
    """Uses a built-in state function through __states__."""
    return __states__["test.succeed_with_changes"](name=name)


def incomplete(name):
    """Returns a dict without a key Salt requires (comment)."""
    return {"name": name, "result": True, "changes": {}}


def raises(name):
    """Raises CommandExecutionError: in a state that is a traceback in the comment, as in Salt."""
    raise CommandExecutionError("cannot manage " + name)
