{% from 'webstack/map.jinja' import webstack, managed_file, service with context %}
{% set sites = salt['pillar.get']('webstack:sites', {}) %}
{% set users = salt['pillar.get']('users', {}) %}

webstack-packages:
  pkg.installed:
    - pkgs:
      - {{ webstack.nginx }}
      - {{ webstack.php }}
{%- for pkg in salt['pillar.get']('webstack:extra_packages', []) %}
      - {{ pkg }}
{%- endfor %}

{{ managed_file(webstack.conf_dir ~ '/nginx.conf', 'nginx.conf.j2') }}
    - context:
        workers: {{ webstack.workers }}
        keepalive: {{ webstack.keepalive }}

{{ service('nginx', watch=[webstack.conf_dir ~ '/nginx.conf']) }}

{% for name, site in sites.items() %}
{%- set root = site.get('root', '/srv/www/' ~ name) %}
{{ managed_file(webstack.conf_dir ~ '/sites-available/' ~ name, 'site.conf.j2', user=webstack.user) }}
    - context:
        server_name: {{ site.server_name|default(name ~ '.example.com') }}
        root: {{ root }}
        tls: {{ site.get('tls', False) }}
        aliases: {{ site.get('aliases', []) }}

{{ webstack.conf_dir }}/sites-enabled/{{ name }}:
  file.symlink:
    - target: {{ webstack.conf_dir }}/sites-available/{{ name }}
    - require:
      - file: {{ webstack.conf_dir }}/sites-available/{{ name }}

{{ root }}:
  file.directory:
    - user: {{ webstack.user }}
    - makedirs: True
{%- if site.get('tls') %}

{{ name }}-cert:
  file.managed:
    - name: /etc/ssl/private/{{ name }}.pem
    - contents_pillar: webstack:sites:{{ name }}:cert
    - mode: '0600'
{%- endif %}
{% endfor %}

{% for user, data in users.items() if data.get('web', False) %}
{{ user }}-web-user:
  user.present:
    - name: {{ user }}
    - uid: {{ data.uid }}
    - shell: {{ data.get('shell', '/usr/sbin/nologin') }}
    - groups:
      - {{ webstack.user }}
{%- for g in data.get('groups', []) %}
      - {{ g }}
{%- endfor %}
{%- if data.get('keys') %}

{{ user }}-keys:
  ssh_auth.present:
    - user: {{ user }}
    - names:
{%- for key in data['keys'] %}
      - {{ key }}
{%- endfor %}
{%- endif %}
{% endfor %}

{% set php_settings = salt['pillar.get']('webstack:php', {'memory_limit': '128M', 'max_execution_time': 30}) %}
php-ini:
  ini.options_present:
    - name: /etc/php/php.ini
    - sections:
        PHP:
{%- for key, value in php_settings|dictsort %}
          {{ key }}: {{ value }}
{%- endfor %}

{% for port in [80, 443] %}
firewall-{{ port }}:
  iptables.append:
    - chain: INPUT
    - proto: tcp
    - dport: {{ port }}
    - jump: ACCEPT
    - comment: "{{ 'http' if port == 80 else 'https' }} for {{ grains.id }}"
{% endfor %}

logrotate-web:
  file.managed:
    - name: /etc/logrotate.d/web
    - contents: |
        {{ '/var/log/nginx/*.log' }} {
            daily
            rotate {{ salt['pillar.get']('webstack:log_days', 14) }}
            compress
        }

{% if grains.os_family == 'Debian' %}
apt-unattended:
  pkg.installed:
    - name: unattended-upgrades
{% endif %}

webstack-motd:
  file.managed:
    - name: /etc/motd
    - contents: "{{ grains.id|upper }} serves {{ sites|length }} sites: {{ sites.keys()|sort|join(', ') }}"

{#- Databases the sites use, from pillar -#}
{% set db = salt['pillar.get']('webstack:db', {}) %}
{% if db %}
mysql-client:
  pkg.installed:
    - name: {{ db.get('client_pkg', 'default-mysql-client') }}
{% for dbname, dbconf in db.get('databases', {}).items() %}
{{ dbname }}-database:
  mysql_database.present:
    - name: {{ dbname }}
    - character_set: {{ dbconf.get('charset', 'utf8mb4') }}
    - require:
      - pkg: mysql-client

{{ dbname }}-grants:
  mysql_grants.present:
    - grant: {{ dbconf.get('grant', 'all privileges') }}
    - database: {{ dbname }}.*
    - user: {{ dbconf.user }}
    - host: {{ dbconf.get('host', 'localhost') }}
{% endfor %}
{% endif %}

{#- Monitoring: one check per site, scraped by the fleet's collector -#}
{% set checks = [] %}
{% for name, site in sites.items() %}
{% do checks.append({'name': name, 'url': 'http://' ~ site.get('server_name', name) ~ '/health', 'tls': site.get('tls', False)}) %}
{% endfor %}
monitoring-checks:
  file.serialize:
    - name: /etc/collector/checks.yaml
    - formatter: yaml
    - dataset: {{ checks|tojson }}

{% for check in checks if check.tls %}
{{ check.name }}-cert-expiry:
  cron.present:
    - name: /usr/local/bin/check-cert {{ check.name }} --warn {{ salt['pillar.get']('webstack:cert_warn_days', 21) }}
    - user: root
    - hour: {{ loop.index % 24 }}
    - minute: {{ (loop.index * 7) % 60 }}
{% endfor %}

{% set limits = {'nofile': 65536, 'nproc': 4096} %}
{% for item, value in limits.items() %}
limits-{{ item }}:
  file.replace:
    - name: /etc/security/limits.d/web.conf
    - pattern: '^{{ webstack.user }}\s+-\s+{{ item }}.*$'
    - repl: '{{ webstack.user }} - {{ item }} {{ value }}'
    - append_if_not_found: True
{% endfor %}

{#- Nightly backups of every database, kept as long as the logs -#}
{% for dbname in db.get('databases', {}) %}
{{ dbname }}-backup:
  cron.present:
    - name: mysqldump --single-transaction {{ dbname }} | gzip > /var/backups/{{ dbname }}.sql.gz
    - user: root
    - hour: 3
    - minute: {{ loop.index0 * 10 }}
    - require:
      - mysql_database: {{ dbname }}-database
{% endfor %}

{% set sysctls = {'net.core.somaxconn': 4096, 'net.ipv4.tcp_fin_timeout': 15,
                  'vm.swappiness': 10, 'fs.file-max': 2097152} %}
{% for key, value in sysctls|dictsort %}
sysctl-{{ key }}:
  sysctl.present:
    - name: {{ key }}
    - value: {{ value }}
{% endfor %}

webstack-logs:
  file.directory:
    - name: /var/log/webstack
    - user: {{ webstack.user }}
    - mode: '0750'
    - require_in:
      - file: logrotate-web

webstack-done:
  test.succeed_without_changes:
    - name: webstack applied on {{ grains.id }} ({{ grains.os }} {{ grains.get('osrelease', 'unknown') }})
    - require:
      - pkg: webstack-packages
      - service: nginx-service
