# exim4 on every host. A host with the mail role is the fleet's mail server (configtype
# internet): it listens on its fleet address, relays for the fleet's subnet only and
# delivers mail for the fleet's domain to local mailboxes. Every other host is a satellite
# that sends everything through infra:mail:smarthost. Debian's init script runs
# update-exim4.conf before it starts or restarts exim4, so a changed
# update-exim4.conf.conf takes effect through the service's watch. Lists in that file are
# separated by ':' (dc_local_interfaces by ';', as IPv6 addresses hold colons).
{%- import 'fleet/checks.jinja' as check with context %}
{{ check.dnsname('infra:domain') }}
{%- set domain = pillar['infra']['domain'] %}
{%- set fqdn = grains['id'] ~ '.' ~ domain %}
{%- set server = 'mail' in grains.get('roles', []) %}
{%- if server %}
{{ check.fleet_address() }}
{{ check.network('infra:subnet') }}
{%- set conf = {
    'dc_eximconfig_configtype': 'internet',
    'dc_other_hostnames': domain ~ ':' ~ fqdn,
    'dc_local_interfaces': pillar['infra']['hosts_entries'][grains['id']],
    'dc_readhost': '',
    'dc_relay_domains': '',
    'dc_minimaldns': 'false',
    'dc_relay_nets': pillar['infra']['subnet'],
    'dc_smarthost': '',
    'dc_hide_mailname': '',
} %}
{%- else %}
{{ check.dnsname('infra:mail:smarthost') }}
{%- set conf = {
    'dc_eximconfig_configtype': 'satellite',
    'dc_other_hostnames': '',
    'dc_local_interfaces': '127.0.0.1 ; ::1',
    'dc_readhost': domain,
    'dc_relay_domains': '',
    'dc_minimaldns': 'false',
    'dc_relay_nets': '',
    'dc_smarthost': pillar['infra']['mail']['smarthost'],
    'dc_hide_mailname': 'true',
} %}
{%- endif %}

exim4-daemon-light:
  pkg.installed

/etc/mailname:
  file.managed:
    - mode: '0644'
    - contents: {{ fqdn }}
    - require:
      - pkg: exim4-daemon-light

/etc/exim4/update-exim4.conf.conf:
  file.managed:
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/exim4/init.sls); edit pillar, not this file.
{%- for key in ['dc_eximconfig_configtype', 'dc_other_hostnames', 'dc_local_interfaces', 'dc_readhost',
                'dc_relay_domains', 'dc_minimaldns', 'dc_relay_nets', 'dc_smarthost'] %}
        {{ key }}='{{ conf[key] }}'
{%- endfor %}
        CFILEMODE='644'
        dc_use_split_config='false'
        dc_hide_mailname='{{ conf['dc_hide_mailname'] }}'
        dc_mailname_in_oh='true'
        dc_localdelivery='mail_spool'
    - require:
      - pkg: exim4-daemon-light

exim4:
  service.running:
    - enable: True
    - watch:
      - file: /etc/exim4/update-exim4.conf.conf
      - file: /etc/mailname
