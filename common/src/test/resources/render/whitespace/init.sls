{%- set items = ['a', 'b'] -%}
whitespace:
  test.nop:
    - names:
{%- for i in items %}
      - {{ i }}
{%- endfor %}
    - after: {# a comment #}done
    {#- trimmed comment #}
    - trimmed: {{- ' x ' -}}
