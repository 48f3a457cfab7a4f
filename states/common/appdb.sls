# Where the fleet's applications find their database: the primary that pillar
# infra:hosts_entries:masterdb names (fleet/masterdb.jinja), by address, so an application
# reading this file follows a move of the primary at the next highstate without waiting
# for a DNS cache to expire.
{%- import 'fleet/checks.jinja' as check with context %}
{%- import 'fleet/masterdb.jinja' as masterdb with context %}
{{ check.dnsname('infra:domain') }}

/etc/fleet/app-db.conf:
  file.managed:
    - makedirs: True
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/common/appdb.sls): the database primary.
        [client]
        host = {{ masterdb.address() | trim }}
        port = 3306
        # The same host by name (the DNS hub's and /etc/hosts' masterdb).
        # masterdb.{{ pillar['infra']['domain'] }}
