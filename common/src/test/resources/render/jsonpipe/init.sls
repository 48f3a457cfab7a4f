#!jinja|json
{"jsonpipe": {"id": "{{ grains.id }}", "n": {{ 40 + 2 }}}}
