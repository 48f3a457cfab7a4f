{% for user, data in pillar['users'].items() %}
user_{{ user }}:
  user.present:
    - name: {{ user }}
    - uid: {{ data.uid }}
    - shell: {{ data.get('shell', '/bin/sh') }}
    - index: {{ loop.index }}
{% endfor %}
{% for role in grains.roles if role != 'web' %}
role_{{ role }}:
  test.nop:
    - first: {{ loop.first }}
    - length: {{ loop.length }}
{% endfor %}
{% for x in [] %}
never: {{ x }}
{% else %}
empty_loop: took the else branch
{% endfor %}
{% for n in [1, 2, 3, 4, 5] %}
{%- if n == 2 %}{% continue %}{% endif %}
{%- if n == 4 %}{% break %}{% endif %}
num_{{ n }}: {{ n * 10 }}
{% endfor %}
{% for k in pillar.redis %}
key_{{ loop.index0 }}: {{ k }}
{% endfor %}
{% for a, b in [[1, 'one'], [2, 'two']] %}
pair_{{ a }}: {{ b }}
{% endfor %}
