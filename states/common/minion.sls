# The minion's own config: the master, its roles, the highstate at every start
# (startup_states) and the rsync hub's address. It takes effect at the minion's next start;
# the backup schedule comes from pillar (pillar/backups.sls) and needs no restart.
{%- import 'fleet/checks.jinja' as check with context %}
{{ check.ipv4('infra:hosts_entries:master') }}
{{ check.ipv4('rsync_hub:host') }}
{%- set config = {
    'id': grains['id'],
    'master': pillar['infra']['hosts_entries']['master'],
    'grains': {'roles': grains.get('roles', [])},
    'startup_states': 'highstate',
    'rsync_hub': {'host': pillar['rsync_hub']['host']},
} %}

/etc/jsalt/minion:
  file.managed:
    - makedirs: True
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/common/minion.sls).
        {{ config | yaml(False) | trim | indent(8) }}
