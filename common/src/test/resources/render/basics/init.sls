{% set port = salt['pillar.get']('redis:port', 6379) %}
redis:
  pkg.installed:
    - name: {{ salt['pillar.get']('redis:lookup:pkg', 'redis') }}
  service.running:
    - enable: True
    - port: {{ port }}
    - missing: {{ salt['pillar.get']('redis:nope', default='fallback') }}
    - os: {{ grains['os'] }}
    - family: {{ grains.os_family }}
    - id: {{ salt.grains.get('id') }}
    - mem_mb: {{ grains.mem_total // 1024 }}
    - ratio: {{ grains.mem_total / 1024 }}
    - first_ip: {{ grains.ipv4[0] }}
    - in_role: {{ 'redis' in grains.roles }}
