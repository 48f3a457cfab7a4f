# The source role: gitolite3 serving the repositories of pillar gitolite over ssh, with the
# admin's key from pillar. gitolite.conf and the admin key are managed here on the server
# (not pushed through the gitolite-admin repository): `gitolite setup` compiles them and
# creates the repositories a changed gitolite.conf names.
{%- import 'fleet/checks.jinja' as check with context %}
{%- set admin_key = salt['pillar.get']('gitolite:admin_key', none) %}
{%- if admin_key is none or admin_key == '' %}
{{ check.fail('gitolite:admin_key', 'is missing: it must be an ssh public key line') }}
{%- elif admin_key is not string or not (admin_key is match('^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+=* ?[^\\n\\r]*$')) %}
{{ check.fail('gitolite:admin_key', 'is not an ssh public key line (type base64 [comment])') }}
{%- endif %}
{{ check.mapping('gitolite:repositories') }}
{%- set repositories = pillar['gitolite']['repositories'] %}
{%- for repo, rules in repositories | dictsort %}
{%- set key = 'gitolite:repositories:' ~ repo %}
{{ check.word('gitolite:repositories (a repository name)', repo, slash=True) }}
{{ check.mapping(key) }}
{%- for perm, who in rules | dictsort %}
{%- if not (perm is match('^(-|C|R|RW\\+?C?D?M?)$')) %}
{{ check.fail(key, 'has an unknown permission ' ~ (perm | tojson) ~ ' (R, RW, RW+, -, ...)') }}
{%- endif %}
{%- if who is string or who is mapping or who is not iterable %}
{{ check.fail(key ~ ':' ~ perm, 'must be a list of users or @groups') }}
{%- endif %}
{%- for user in who %}
{%- if user is not string or not (user is match('^@?[A-Za-z0-9][A-Za-z0-9._@-]*$')) %}
{{ check.fail(key ~ ':' ~ perm, 'has a bad user ' ~ (user | tojson)) }}
{%- endif %}
{%- endfor %}
{%- endfor %}
{%- endfor %}
{%- set home = '/var/lib/gitolite3' %}

gitolite-packages:
  pkg.installed:
    - pkgs:
      - gitolite3
      - git
      - openssh-server

# The package makes its user and sets gitolite up only when debconf was given an admin
# key; here the user is made as its postinst would make it, and gitolite is set up once
# with the key from pillar (gitolite copies it into its keydir under the file's name: admin).
gitolite3-group:
  group.present:
    - name: gitolite3
    - system: True

gitolite3-user:
  user.present:
    - name: gitolite3
    - gid: gitolite3
    - system: True
    - home: {{ home }}
    - createhome: True
    - shell: /bin/bash
    - fullname: git repository hosting
    - require:
      - group: gitolite3-group

{{ home }}/admin.pub:
  file.managed:
    - user: gitolite3
    - group: gitolite3
    - mode: '0644'
    - contents: {{ admin_key | yaml_squote }}
    - require:
      - pkg: gitolite-packages
      - user: gitolite3-user

gitolite-initial-setup:
  cmd.run:
    - name: gitolite setup -pk {{ home }}/admin.pub
    - runas: gitolite3
    - cwd: {{ home }}
    - env:
      - HOME: {{ home }}
    - creates: {{ home }}/.gitolite.rc
    - require:
      - file: {{ home }}/admin.pub

{{ home }}/.gitolite/conf/gitolite.conf:
  file.managed:
    - user: gitolite3
    - group: gitolite3
    - mode: '0644'
    - contents: |
        # Managed by jsalt (states/source.sls) from pillar gitolite:repositories.
{%- for repo, rules in repositories | dictsort %}
        repo {{ repo }}
{%- for perm, who in rules | dictsort %}
            {{ '%-4s' % perm }} = {{ who | join(' ') }}
{%- endfor %}
{%- endfor %}
    - require:
      - cmd: gitolite-initial-setup

# Compiles gitolite.conf (creating new repositories) and takes a changed admin key.
gitolite-compile:
  cmd.run:
    - name: gitolite setup -pk {{ home }}/admin.pub
    - runas: gitolite3
    - cwd: {{ home }}
    - env:
      - HOME: {{ home }}
    - onchanges:
      - file: {{ home }}/.gitolite/conf/gitolite.conf
      - file: {{ home }}/admin.pub

ssh:
  service.running:
    - enable: True
    - require:
      - pkg: gitolite-packages
