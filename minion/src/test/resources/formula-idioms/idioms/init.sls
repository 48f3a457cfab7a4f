{%- from "idioms/map.jinja" import idioms with context %}
idioms-config:
  test.nop:
    - config: {{ idioms.merged.config | json }}
    - pkg: {{ idioms.merged.pkg }}
    - stack: {{ idioms.stack | json }}
    - has_ping: {{ idioms.has_ping }}
    - has_nope: {{ idioms.has_nope }}
    - extension: {{ idioms.extension }}
    - label: {{ idioms.label }}

idioms-service:
  service.running:
    - name: jsalt-idioms-not-installed
    - require:
      - test: idioms-config
