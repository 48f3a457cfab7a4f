# Every name in infra:hosts_entries, short and in the fleet's domain, so the fleet's names
# resolve even while the DNS hub is down.
{%- import 'fleet/checks.jinja' as check with context %}
{{ check.dnsname('infra:domain') }}
{{ check.mapping('infra:hosts_entries') }}
{%- set domain = pillar['infra']['domain'] %}
{%- for name in pillar['infra']['hosts_entries'] | sort %}
{{ check.word('infra:hosts_entries (a name)', name) }}
{{ check.ipv4('infra:hosts_entries:' ~ name) }}
{%- endfor %}
{%- for name, address in pillar['infra']['hosts_entries'] | dictsort %}

hosts-{{ name }}:
  host.present:
    - names:
      - {{ name }}.{{ domain }}
      - {{ name }}
    - ip: {{ address }}
{%- endfor %}
