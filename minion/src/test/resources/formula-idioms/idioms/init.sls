{%- from "idioms/map.jinja" import idioms with context %}
{#- A macro whose defaults hold an escape and a comma (the nginx formula's server.conf). #}
{%- macro line(key, values, lb='\n', sep=', ') %}{{ key }} {{ values|join(sep) }};{{ lb }}{% endmacro %}
idioms-config:
  test.nop:
    - config: {{ idioms.merged.config | json }}
    - pkg: {{ idioms.merged.pkg }}
    - stack: {{ idioms.stack | json }}
    - has_ping: {{ idioms.has_ping }}
    - has_nope: {{ idioms.has_nope }}
    - extension: {{ idioms.extension }}
    - label: {{ idioms.label }}
    - fpm: {{ idioms.fpm | join(',') }} {{ idioms.fpm['global'].pid }}
    - first_ip: {{ idioms.first_ip }}
    {#- Multi-line text through the yaml filter stays one value (the openssh formula's banner). #}
    - banner: {{ 'Welcome\nto web1\n' | yaml }}
    - conf: {{ line('listen', [80, 443]) | yaml }}
    {#- *args and a format spec (the postgres formula's pg_hba.conf). #}
    - hba: {{ '{0:<7}|{1}'.format(*['local', 'all']) }}
    - echoed: {{ salt['test.echo'](*['spread']) }}

idioms-service:
  service.running:
    - name: jsalt-idioms-not-installed
    - require:
      - test: idioms-config
