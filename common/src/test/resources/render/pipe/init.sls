#!jinja|yaml
pipe: {{ grains.id }}
