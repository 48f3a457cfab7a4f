# Every name in infra:hosts_entries, short and in the fleet's domain, so the fleet's names
# resolve even while the DNS hub is down. masterdb names the database primary by a name of
# the same map or an address (fleet/masterdb.jinja resolves it).
{%- import 'fleet/checks.jinja' as check with context %}
{%- import 'fleet/masterdb.jinja' as masterdb with context %}
{{ check.dnsname('infra:domain') }}
{{ check.mapping('infra:hosts_entries') }}
{%- set domain = pillar['infra']['domain'] %}
{%- for name in pillar['infra']['hosts_entries'] | sort %}
{{ check.word('infra:hosts_entries (a name)', name) }}
{%- if name != 'masterdb' %}
{{ check.ipv4('infra:hosts_entries:' ~ name) }}
{%- endif %}
{%- endfor %}
{%- for name, value in pillar['infra']['hosts_entries'] | dictsort %}
{%- set address = masterdb.address() | trim if name == 'masterdb' else value %}

hosts-{{ name }}:
  host.present:
    - names:
      - {{ name }}.{{ domain }}
      - {{ name }}
    - ip: {{ address }}
    # A name that moved (masterdb above all) leaves its old address's line.
    - clean: True
{%- endfor %}
