# Used by the primary move (orch/masterdb.sls) on the new primary while the old one is
# locked: wait, at most 60 s, until this host has applied everything in the old primary's
# binary log (pillar catchup_from, its address). The old primary's position is read over
# TLS with the replication account, whose password stays in this host's pillar.
{%- import 'fleet/checks.jinja' as check with context %}
{#- catchup_from comes as the call's pillar override, which the pillar dict holds (the
    checks' salt['pillar.get'] reads the minion's compiled pillar only). #}
{%- set source = pillar.get('catchup_from') %}
{%- if source is not string or '/' in source or not (source | is_ipv4) %}
{{ check.fail('catchup_from', 'must be the old primary\'s IPv4 address, got ' ~ (source | tojson)) }}
{%- endif %}
{{ check.secret('mariadb:replication:user') }}
{{ check.secret('mariadb:replication:password') }}

mariadb-catch-up:
  cmd.run:
    - name: /usr/local/sbin/fleet-db catch-up {{ source }} 60
    - env:
      - FLEET_DB_REPL_USER: {{ pillar['mariadb']['replication']['user'] | yaml_squote }}
      - FLEET_DB_REPL_PASSWORD: {{ pillar['mariadb']['replication']['password'] | yaml_squote }}
