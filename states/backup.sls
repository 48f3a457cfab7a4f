# Not in the top file: the minion's scheduler applies it every backups:schedule_minutes on
# hosts with data (pillar/backups.sls). Each role's data goes to the rsync hub's module,
# under <minion id>-<role> (rsync.synced creates only the last component of a path on
# the hub); the database primary's dump under mariadb-primary, the replicas dump nothing.
{%- import 'fleet/checks.jinja' as check with context %}
{{ check.secret('backups:module') }}
{%- set module = pillar['backups']['module'] %}
{{ check.word('backups:module', module) }}
{{ check.secret('rsync_hub:modules:' ~ module ~ ':user') }}
{{ check.secret('rsync_hub:modules:' ~ module ~ ':password') }}
{%- set roles = grains.get('roles', []) %}
{%- set paths = salt['pillar.get']('backups:paths', {}) %}

{%- if 'db' in roles %}
{{ check.abspath('backups:paths:db') }}
{%- import 'fleet/masterdb.jinja' as masterdb with context %}
{{ check.word('backups:db_dump_path', salt['pillar.get']('backups:db_dump_path', '')) }}
{%- set dump = paths['db'] %}
{%- set db_path = pillar['backups']['db_dump_path'] %}
{%- if masterdb.address() | trim == pillar['infra']['hosts_entries'][grains['id']] %}

{{ dump }}:
  file.directory:
    - mode: '0700'
    - makedirs: True

# The primary's databases (the replicas hold the same): one consistent dump (one transaction,
# no table locks for InnoDB) with the GTID position it was taken at, from which a restored
# replica goes on replicating (db.restore). Written beside and renamed, so a failed dump
# never replaces the last good one.
backup-mariadb-dump:
  cmd.run:
    - name: >-
        mariadb-dump --all-databases --single-transaction --gtid --master-data=2
        --routines --events > {{ dump }}/all-databases.sql.new
        && mv {{ dump }}/all-databases.sql.new {{ dump }}/all-databases.sql
    - onlyif: test -S /run/mysqld/mysqld.sock
    - require:
      - file: {{ dump }}

# Under one name whichever host is the primary: db.restore takes the latest from there.
backup-push-db:
  rsync.synced:
    - name: {{ dump }}
    - module: {{ module }}
    - path: {{ db_path }}
    - direction: push
    - delete: True
    - require:
      - cmd: backup-mariadb-dump
{%- endif %}
{%- endif %}
{%- if 'source' in roles %}
{{ check.abspath('backups:paths:source') }}

backup-push-source:
  rsync.synced:
    - name: {{ paths.get('source') }}
    - module: {{ module }}
    - path: {{ grains['id'] }}-source
    - direction: push
    - delete: True
{%- endif %}
