{% set dir = salt['pillar.get']('dir') %}
custom file:
  jstate.present:
    - name: {{ dir }}/custom.txt
    - content: written by a custom state
    - ignored_keyword: dropped as Salt's format_call drops it

through states:
  jstate.through_states: []

after:
  cmd.run:
    - name: echo after
    - onchanges:
      - jstate: custom file
