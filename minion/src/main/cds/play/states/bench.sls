# The benchmark play (docs/performance.md): what a first state run of a fresh minion
# loads, for its class data sharing archive and for jsalt-bench. Everything stays under
# the minion's own root_dir.
{% set dir = opts['root_dir'] ~ '/bench' %}
bench directory:
  file.directory:
    - name: {{ dir }}/etc
    - makedirs: True

bench hosts file:
  file.managed:
    - name: {{ dir }}/etc/hosts
    - source: salt://hosts.jinja
    - template: jinja
    - require:
      - file: bench directory

bench marker:
  cmd.run:
    - name: touch {{ dir }}/marker
    - creates: {{ dir }}/marker
    - require:
      - file: bench hosts file
