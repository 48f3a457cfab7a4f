#!yaml_jinja
oldstyle: {{ 1 + 1 }}
