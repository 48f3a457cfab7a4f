"""A custom module whose __virtual__ refuses to load."""


def __virtual__():
    return (False, "jnope needs a unicorn")


def anything():
    """Never callable."""
    return True
