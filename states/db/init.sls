# The db role: MariaDB on the host's fleet address. The host that pillar
# infra:hosts_entries:masterdb names (fleet/masterdb.jinja) is the primary: binary log,
# read_only OFF, and the databases, users and grants of pillar mariadb. Every other db host
# is a read_only replica of it by GTID (slave_pos) over TLS that verifies the primary's
# certificate, with the account of mariadb:replication; databases, users and grants reach
# it through replication. Changing masterdb and applying again moves the roles (docs/fleet.md,
# "The database tier"). server_id (mariadb:server_id, default: the address's last two octets
# as one number) is unique per host; log_slave_updates keeps every transaction in every
# host's binary log, so any host can become the primary.
{%- import 'fleet/checks.jinja' as check with context %}
{%- import 'fleet/masterdb.jinja' as masterdb with context %}
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
{{ check.secret('mariadb:replication:user') }}
{{ check.word('mariadb:replication:user', pillar['mariadb']['replication']['user']) }}
{{ check.secret('mariadb:replication:password') }}
{%- set replication = mariadb['replication'] %}
{%- if replication.get('host') is not string or not (replication.get('host') is match('^[A-Za-z0-9.%_:-]+$')) %}
{{ check.fail('mariadb:replication:host', 'must be a host or a pattern such as 10.77.0.% , got ' ~ (replication.get('host') | tojson)) }}
{%- endif %}
{%- set address = pillar['infra']['hosts_entries'][grains['id']] %}
{%- set primary = masterdb.address() | trim %}
{%- set is_primary = primary == address %}
{%- set tls = '/etc/mysql/fleet-tls' %}
{%- set repl_env = [{'FLEET_DB_REPL_USER': replication['user']}, {'FLEET_DB_REPL_PASSWORD': replication['password']}] %}
{%- set octets = address.split('.') %}
{%- set server_id = mariadb.get('server_id', octets[2] | int * 256 + octets[3] | int) %}

mariadb-server:
  pkg.installed:
    - pkgs:
      - mariadb-server
      - mariadb-client
      - openssl

/usr/local/sbin/fleet-db:
  file.managed:
    - source: salt://db/fleet-db
    - mode: '0755'

# The host's TLS key and certificate for MariaDB, made here once: the private key never
# leaves the host. The certificate names the host's fleet address and names, which the
# replicas check (MASTER_SSL_VERIFY_SERVER_CERT); it is self-signed, and the replicas
# trust exactly the primary's certificate, which they get from the mine.
{{ tls }}:
  file.directory:
    - user: root
    - group: mysql
    - mode: '0750'
    - require:
      - pkg: mariadb-server

mariadb-tls-certificate:
  cmd.run:
    - name: >-
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650
        -keyout {{ tls }}/server.key -out {{ tls }}/server.crt
        -subj '/CN={{ grains['id'] }}.{{ pillar['infra']['domain'] }}'
        -addext 'subjectAltName=IP:{{ address }},DNS:{{ grains['id'] }}.{{ pillar['infra']['domain'] }},DNS:{{ grains['id'] }}'
        && chown mysql:mysql {{ tls }}/server.key && chmod 0600 {{ tls }}/server.key
        && chmod 0644 {{ tls }}/server.crt
    - creates: {{ tls }}/server.crt
    - require:
      - file: {{ tls }}

# The certificate into the mine (mine_functions in pillar/mariadb.sls) as soon as it
# exists; the minion also sends it at every start.
mariadb-tls-mine:
  module.run:
    - mine.update: []
    - onchanges:
      - cmd: mariadb-tls-certificate

/etc/mysql/mariadb.conf.d/60-fleet.cnf:
  file.managed:
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/db/init.sls).
        [mysqld]
        bind-address = {{ address }}
        server-id = {{ server_id }}
        log-bin = mysql-bin
        binlog-format = ROW
        log-slave-updates = ON
        ssl-cert = {{ tls }}/server.crt
        ssl-key = {{ tls }}/server.key
    - require:
      - pkg: mariadb-server
      - cmd: mariadb-tls-certificate

# The role at the next start of the server (a reboot), so a rebooted primary comes back
# writable and a rebooted replica read-only; the running server is switched by the steps
# below without a restart, so this file is not watched.
/etc/mysql/mariadb.conf.d/61-fleet-role.cnf:
  file.managed:
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/db/init.sls): this host is {{ 'the primary' if is_primary else 'a replica of ' ~ primary }}.
        [mysqld]
        read-only = {{ 'OFF' if is_primary else 'ON' }}
    - require:
      - pkg: mariadb-server

mariadb:
  service.running:
    - enable: True
    - watch:
      - file: /etc/mysql/mariadb.conf.d/60-fleet.cnf
    - require:
      - file: /etc/mysql/mariadb.conf.d/61-fleet-role.cnf
{%- if is_primary %}

# This host is the primary: a former replica applies what it received, stops replicating
# and becomes writable.
mariadb-primary:
  cmd.run:
    - name: /usr/local/sbin/fleet-db primary
    - unless: /usr/local/sbin/fleet-db is-primary
    - require:
      - service: mariadb
      - file: /usr/local/sbin/fleet-db
{%- for db in databases %}

mariadb-database-{{ db }}:
  mysql_database.present:
    - name: {{ db }}
    - require:
      - cmd: mariadb-primary
{%- endfor %}
{%- for name, user in users | dictsort %}

mariadb-user-{{ name }}:
  mysql_user.present:
    - name: {{ name }}
    - host: '{{ user['host'] }}'
    - password: {{ user['password'] | yaml_squote }}
    - require:
      - cmd: mariadb-primary
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

# The replicas' account: replication only, over TLS only.
mariadb-replication-user:
  mysql_user.present:
    - name: {{ replication['user'] }}
    - host: '{{ replication['host'] }}'
    - password: {{ replication['password'] | yaml_squote }}
    - require:
      - cmd: mariadb-primary

mariadb-replication-grant:
  mysql_grants.present:
    - grant: replication slave
    - database: '*.*'
    - user: {{ replication['user'] }}
    - host: '{{ replication['host'] }}'
    - require:
      - mysql_user: mariadb-replication-user

mariadb-replication-ssl:
  cmd.run:
    - name: /usr/local/sbin/fleet-db require-ssl {{ replication['user'] }} '{{ replication['host'] }}'
    - unless: /usr/local/sbin/fleet-db requires-ssl {{ replication['user'] }} '{{ replication['host'] }}'
    - require:
      - mysql_user: mariadb-replication-user
{%- else %}
{#- The primary's certificate from the mine, found by the primary's address. #}
{%- set published = salt['mine.get'](primary, 'fleet_db_cert', tgt_type='ipcidr') %}
{%- set certs = [] %}
{%- for minion, cert in (published if published is mapping else {}) | dictsort %}
{%- if cert is string and cert.startswith('-----BEGIN CERTIFICATE-----') and cert.rstrip().endswith('-----END CERTIFICATE-----') %}
{%- do certs.append(cert.strip() ~ '\n') %}
{%- endif %}
{%- endfor %}
{%- if certs | length == 1 %}

# The primary's certificate: the only one this replica trusts for replication.
{{ tls }}/ca.pem:
  file.managed:
    - mode: '0644'
    - contents: {{ certs[0] | tojson }}
    - require:
      - file: {{ tls }}

# This host replicates the primary. A former primary keeps its own transactions and goes
# on after them (fleet-db replica).
mariadb-replica:
  cmd.run:
    - name: /usr/local/sbin/fleet-db replica {{ primary }}
    - unless: /usr/local/sbin/fleet-db is-replica-of {{ primary }} {{ replication['user'] }}
    - env: {{ repl_env | tojson }}
    - require:
      - service: mariadb
      - file: /usr/local/sbin/fleet-db
      - file: {{ tls }}/ca.pem
{%- else %}

# Without the primary's certificate this replica cannot check whom it replicates: it waits
# for the primary's highstate to publish it (apply the primary first, then this host).
mariadb-replica:
  test.configurable_test_state:
    - changes: False
    - result: False
    - comment: >-
        the primary {{ primary }} (pillar {{ masterdb.key() | trim }}) has {{ 'no certificate' if certs | length == 0 else certs | length ~ ' certificates' }}
        in the mine (fleet_db_cert): apply the db states on the primary first, then on this host
{%- endif %}
{%- endif %}
