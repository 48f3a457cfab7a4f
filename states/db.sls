# The db role: MariaDB on the host's fleet address with the databases, users and grants of
# pillar mariadb. server_id (mariadb:server_id, default: the address's last two octets as
# one number) and the binary log are set now, so replication can be added without
# restarting into a different server identity.
{%- import 'fleet/checks.jinja' as check with context %}
{{ check.fleet_address() }}
{{ check.integer('mariadb:server_id', 1, 4294967295) }}
{%- set mariadb = salt['pillar.get']('mariadb', {}) %}
{%- if mariadb is not mapping %}{{ check.mapping('mariadb') }}{% endif %}
{%- set databases = mariadb.get('databases', []) %}
{%- if databases is string or databases is mapping or databases is not iterable %}
{{ check.fail('mariadb:databases', 'must be a list of database names') }}
{%- endif %}
{%- for db in databases %}
{{ check.word('mariadb:databases (an item)', db) }}
{%- endfor %}
{%- set users = mariadb.get('users', {}) %}
{%- if users is not mapping %}{{ check.fail('mariadb:users', 'must be a mapping of user names') }}{% endif %}
{%- for name, user in users | dictsort %}
{%- set key = 'mariadb:users:' ~ name %}
{{ check.word('mariadb:users (a user name)', name) }}
{{ check.mapping(key) }}
{{ check.secret(key ~ ':password') }}
{%- if user.get('host') is not string or not (user.get('host') is match('^[A-Za-z0-9.%_:-]+$')) %}
{{ check.fail(key ~ ':host', 'must be a host or a pattern such as 10.77.0.% , got ' ~ (user.get('host') | tojson)) }}
{%- endif %}
{%- for g in user.get('grants', []) %}
{%- if g is not mapping or g.get('database') is not string or g.get('grant') is not string
      or not (g.get('database') is match('^[A-Za-z0-9_*]+\\.[A-Za-z0-9_*]+$'))
      or not (g.get('grant') is match('^[A-Za-z ,_]+$')) %}
{{ check.fail(key ~ ':grants', 'items must be {database: db.table, grant: privileges}, got ' ~ (g | tojson)) }}
{%- endif %}
{%- endfor %}
{%- endfor %}
{%- set address = pillar['infra']['hosts_entries'][grains['id']] %}
{%- set octets = address.split('.') %}
{%- set server_id = mariadb.get('server_id', octets[2] | int * 256 + octets[3] | int) %}

mariadb-server:
  pkg.installed: []

/etc/mysql/mariadb.conf.d/60-fleet.cnf:
  file.managed:
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/db.sls).
        [mysqld]
        bind-address = {{ address }}
        server-id = {{ server_id }}
        log-bin = mysql-bin
        binlog-format = ROW
    - require:
      - pkg: mariadb-server

mariadb:
  service.running:
    - enable: True
    - watch:
      - file: /etc/mysql/mariadb.conf.d/60-fleet.cnf
{%- for db in databases %}

mariadb-database-{{ db }}:
  mysql_database.present:
    - name: {{ db }}
    - require:
      - service: mariadb
{%- endfor %}
{%- for name, user in users | dictsort %}

mariadb-user-{{ name }}:
  mysql_user.present:
    - name: {{ name }}
    - host: '{{ user['host'] }}'
    - password: {{ user['password'] | yaml_squote }}
    - require:
      - service: mariadb
{%- for g in user.get('grants', []) %}

mariadb-grant-{{ name }}-{{ loop.index }}:
  mysql_grants.present:
    - grant: {{ g['grant'] }}
    - database: '{{ g['database'] }}'
    - user: {{ name }}
    - host: '{{ user['host'] }}'
    - require:
      - mysql_user: mariadb-user-{{ name }}
{%- if g['database'].split('.')[0] in databases %}
      - mysql_database: mariadb-database-{{ g['database'].split('.')[0] }}
{%- endif %}
{%- endfor %}
{%- endfor %}
