# Not in the top file: the minion's scheduler applies it every backups:schedule_minutes on
# hosts with data (pillar/backups.sls). Each role's data goes to the rsync hub's module,
# under <minion id>-<role> (rsync.synced creates only the last component of a path on
# the hub).
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
{%- set dump = paths['db'] %}

{{ dump }}:
  file.directory:
    - mode: '0700'
    - makedirs: True

# A consistent dump of every database (one transaction, no table locks for InnoDB).
backup-mariadb-dump:
  cmd.run:
    - name: mysqldump --all-databases --single-transaction --routines --events > {{ dump }}/all-databases.sql
    - onlyif: test -S /run/mysqld/mysqld.sock
    - require:
      - file: {{ dump }}

backup-push-db:
  rsync.synced:
    - name: {{ dump }}
    - module: {{ module }}
    - path: {{ grains['id'] }}-db
    - direction: push
    - delete: True
    - require:
      - cmd: backup-mariadb-dump
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
