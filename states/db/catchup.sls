# Used by the primary move (orch/masterdb.sls) on the new primary while the old one is
# locked: wait, at most 60 s, until this host has applied everything in the old primary's
# binary log (pillar catchup_from, its address). The old primary's position is read over
# TLS with the replication account, whose password stays in this host's pillar.
{%- import 'fleet/checks.jinja' as check with context %}
{#- catchup_from comes as the call's pillar override (pillar=), which the checks see. #}
{{ check.ipv4('catchup_from') }}
{%- set source = salt['pillar.get']('catchup_from') %}
{{ check.secret('mariadb:replication:user') }}
{{ check.secret('mariadb:replication:password') }}

mariadb-catch-up:
  cmd.run:
    - name: /usr/local/sbin/fleet-db catch-up {{ source }} 60
    - env:
      - FLEET_DB_REPL_USER: {{ pillar['mariadb']['replication']['user'] | yaml_squote }}
      - FLEET_DB_REPL_PASSWORD: {{ pillar['mariadb']['replication']['password'] | yaml_squote }}
