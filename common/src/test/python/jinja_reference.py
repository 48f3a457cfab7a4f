#!/usr/bin/env python3
"""Renders the Jinja differential cases with Jinja2, the reference for what is Jinja's behaviour.

Reads the cases as JSON on stdin, as JinjaDifferentialTest writes them:
    {"seed": ..., "contexts": {name: {var: value}}, "cases": [{"id", "template", "context"}]}
and prints the record on stdout: the same object with "jinja2" (the version used) and, on each
case, "output" (the rendered text) or "error" (the exception's class name; the comparison only
asks whether a render fails, not how it says so). One case per line, so that a change of the
record reads as a diff of the cases that changed.

The environment is the one a Salt user gets (salt/utils/templates.py render_jinja_tmpl, without
jinja_env options): a SandboxedEnvironment with StrictUndefined, the do and loopcontrols
extensions and Jinja's defaults otherwise (trim_blocks and lstrip_blocks off), and Salt's
handling of the final newline: Jinja drops it, Salt appends it again. Salt's own filters and
tests are not loaded; the cases use only Jinja's.

Exit status 3 when jinja2 cannot be imported, so that the caller can tell "no reference on this
machine" from a failure.

Usage (from the common module):  python3 src/test/python/jinja_reference.py < cases.json > record.json
"""
import copy
import json
import sys

try:
    import jinja2
    import jinja2.sandbox
except ImportError:
    print("jinja_reference.py: python3 cannot import jinja2 (Debian: apt-get install python3-jinja2)",
          file=sys.stderr)
    sys.exit(3)


def environment():
    return jinja2.sandbox.SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
    )


def render(env, template, context):
    newline = "\n" if template.endswith("\n") else ""
    try:
        output = env.from_string(template).render(**context)
    except Exception as exc:  # every failure counts, whatever its class
        return {"error": type(exc).__name__}
    return {"output": output + newline}


def main():
    data = json.load(sys.stdin)
    env = environment()
    out = []
    for case in data["cases"]:
        context = copy.deepcopy(data["contexts"][case["context"]])
        result = dict(case)
        result.update(render(env, case["template"], context))
        out.append(json.dumps(result, ensure_ascii=False, sort_keys=False))
    head = {"jinja2": jinja2.__version__, "seed": data["seed"], "contexts": data["contexts"]}
    text = json.dumps(head, ensure_ascii=False)
    sys.stdout.write(text[:-1] + ', "cases": [\n' + ",\n".join(out) + "\n]}\n")


if __name__ == "__main__":
    main()
