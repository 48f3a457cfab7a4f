{% set d = {'b': 2} %}
{% do d.update({'a': 1}) %}
{% set l = ['x'] %}
{% do l.append('y') %}
{% do l.extend(['z']) %}
methods:
  test.nop:
    - startswith: {{ grains.os.startswith('Deb') }}
    - endswith: {{ 'file.conf'.endswith(('.cfg', '.conf')) }}
    - split: {{ 'a,b,,c'.split(',') }}
    - split_ws: {{ '  a  b '.split() }}
    - rsplit: {{ 'a.b.c'.rsplit('.', 1) }}
    - lower: {{ 'MiXed'.lower() }}
    - upper: {{ 'mixed'.upper() }}
    - strip: {{ 'xxhixx'.strip('x') }}
    - replace: {{ 'a-b-c'.replace('-', '_') }}
    - format: {{ '{}:{port}'.format('host', port=80) }}
    - join: {{ '-'.join(['a', 'b']) }}
    - keys: {{ d.keys()|list }}
    - values: {{ d.values()|list }}
    - get: {{ d.get('zz', 'dflt') }}
    - list: {{ l }}
    - pairs: {% for entry in d.items() %}{{ entry[0] }}={{ entry[1] }} {% endfor %}
    - title: {{ 'hello world'.title() }}
    - setdefault: {{ d.setdefault('c', 3) }}
    - after: {{ d }}
