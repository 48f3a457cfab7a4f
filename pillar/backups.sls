# Backups: hosts with data (the db and source roles) push their data to the rsync hub's
# module every schedule_minutes, through the minion's scheduler (pillar schedule), which
# applies the backup state.
{%- set minutes = 60 %}
backups:
  schedule_minutes: {{ minutes }}
  module: backups
  # What each role backs up: local directories pushed to <module>/<minion id>/<role>.
  paths:
    db: /var/backups/jsalt/mariadb
    source: /var/lib/gitolite3/repositories
  # The hub directory of the database primary's dump, whichever db host is the primary;
  # db.restore imports the latest from there.
  db_dump_path: mariadb-primary
{%- set roles = grains.get('roles', []) %}
{%- if 'db' in roles or 'source' in roles %}
schedule:
  fleet-backup:
    function: state.apply
    args: [backup]
    minutes: {{ minutes }}
{%- endif %}
