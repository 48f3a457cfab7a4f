"""A custom module loaded under its __virtualname__ when the grain allows."""

__virtualname__ = "jrenamed"


def __virtual__():
    if __grains__.get("id") == "pyminion":
        return __virtualname__
    return (False, "jrenamed needs the minion pyminion")


def hello(name="world"):
    """Says hello."""
    return "hello " + name
