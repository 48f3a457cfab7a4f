# The rsync client for the master's rsync hub. Its credentials stay in pillar
# (rsync_hub:modules:<module>:{user,password}): the rsync module passes the password in
# RSYNC_PASSWORD for each transfer, so no secret is written to disk. Checked here so a
# broken pillar stops the highstate rather than the next scheduled backup.
{%- import 'fleet/checks.jinja' as check with context %}
{{ check.ipv4('rsync_hub:host') }}
{{ check.mapping('rsync_hub:modules') }}
{%- for module in pillar['rsync_hub']['modules'] | sort %}
{{ check.word('rsync_hub:modules (a module name)', module) }}
{{ check.secret('rsync_hub:modules:' ~ module ~ ':user') }}
{{ check.secret('rsync_hub:modules:' ~ module ~ ':password') }}
{%- endfor %}

rsync:
  pkg.installed
