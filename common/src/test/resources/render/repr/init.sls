{% set mydict = salt['pillar.get']('mydict') %}
repr:
  file.managed:
    - context: {{ mydict }}
    - packages: {{ pillar['packages'] }}
    - empty: {{ {} }}
    - nested: {{ {'list': [1, 2.5, 'three', None, False]} }}
    - quoted: {{ {"it's": 'x'} }}
    - none: {{ None }}
    - bool: {{ true }}
