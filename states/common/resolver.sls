# The master's DNS hub answers for the fleet's zone (and forwards the rest, when the master
# config has forwarders).
{%- import 'fleet/checks.jinja' as check with context %}
{{ check.ipv4('infra:nameserver') }}
{{ check.dnsname('infra:domain') }}

/etc/resolv.conf:
  file.managed:
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/common/resolver.sls): the fleet's DNS hub.
        search {{ pillar['infra']['domain'] }}
        nameserver {{ pillar['infra']['nameserver'] }}
