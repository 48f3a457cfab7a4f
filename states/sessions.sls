# The sessions role: redis (with a password) and memcached, both on the host's fleet
# address only.
{%- import 'fleet/checks.jinja' as check with context %}
{{ check.fleet_address() }}
{{ check.secret('redis:password') }}
{{ check.integer('redis:port', 1, 65535) }}
{{ check.integer('memcached:port', 1, 65535) }}
{{ check.integer('memcached:memory', 1, 1048576) }}
{%- set address = pillar['infra']['hosts_entries'][grains['id']] %}

redis-server:
  pkg.installed: []
  service.running:
    - enable: True
    - watch:
      - file: /etc/redis/redis.conf

# The whole file, so nothing of the package's default (bind 127.0.0.1, no password) stays.
# Readable by redis only: it holds the password.
/etc/redis/redis.conf:
  file.managed:
    - user: redis
    - group: redis
    - mode: '0640'
    - contents: |
        # Managed by jsalt (states/sessions.sls).
        bind {{ address }}
        protected-mode yes
        port {{ salt['pillar.get']('redis:port', 6379) }}
        requirepass {{ pillar['redis']['password'] }}
        daemonize yes
        supervised no
        pidfile /run/redis/redis-server.pid
        loglevel notice
        logfile /var/log/redis/redis-server.log
        databases 16
        save 900 1
        save 300 10
        dbfilename dump.rdb
        dir /var/lib/redis
    - require:
      - pkg: redis-server

memcached:
  pkg.installed: []
  service.running:
    - enable: True
    - watch:
      - file: /etc/memcached.conf

/etc/memcached.conf:
  file.managed:
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/sessions.sls).
        -d
        logfile /var/log/memcached.log
        -m {{ salt['pillar.get']('memcached:memory', 64) }}
        -p {{ salt['pillar.get']('memcached:port', 11211) }}
        -u memcache
        -l {{ address }}
        -P /var/run/memcached/memcached.pid
    - require:
      - pkg: memcached
