# Restore a db replica from the primary's latest dump on the rsync hub (states/backup.sls
# pushes it to backups:db_dump_path), then replicate the primary from the dump's GTID
# position, so the host catches up with everything written since. For a replica whose
# data directory was lost or wiped (`jsalt db2 state.apply db.restore`); a host that
# already replicates the primary is left as it is, and the primary is never overwritten.
{%- import 'fleet/checks.jinja' as check with context %}
{%- import 'fleet/masterdb.jinja' as masterdb with context %}
include:
  - db
{{ check.abspath('backups:paths:db') }}
{{ check.word('backups:module', salt['pillar.get']('backups:module', '')) }}
{{ check.word('backups:db_dump_path', salt['pillar.get']('backups:db_dump_path', '')) }}
{%- set primary = masterdb.address() | trim %}
{%- set restore = pillar['backups']['paths']['db'] ~ '-restore' %}
{%- set replication = pillar['mariadb']['replication'] %}
{%- if primary == pillar['infra']['hosts_entries'][grains['id']] %}

mariadb-restore:
  test.configurable_test_state:
    - changes: False
    - result: False
    - comment: >-
        this host is the database primary (pillar {{ masterdb.key() | trim }}): db.restore
        restores replicas only; move the primary first
{%- else %}

mariadb-restore-fetch:
  rsync.synced:
    - name: {{ restore }}
    - module: {{ pillar['backups']['module'] }}
    - path: {{ pillar['backups']['db_dump_path'] }}
    - direction: pull
    - delete: True

# An empty data directory gets MariaDB's system tables before the server starts.
mariadb-restore-datadir:
  cmd.run:
    - name: mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db
    - creates: /var/lib/mysql/mysql
    - require:
      - pkg: mariadb-server
    - require_in:
      - service: mariadb

mariadb-restore-import:
  cmd.run:
    - name: /usr/local/sbin/fleet-db import {{ restore }}/all-databases.sql
    - unless: /usr/local/sbin/fleet-db is-replica-of {{ primary }} {{ replication['user'] }}
    - require:
      - rsync: mariadb-restore-fetch
      - service: mariadb
      - file: /usr/local/sbin/fleet-db
    - require_in:
      - mariadb-replica
{%- endif %}
