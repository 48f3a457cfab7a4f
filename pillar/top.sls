# The example fleet's pillar top file. Every host (and the master, compiled for its own id
# for the DNS and rsync hubs) gets the fleet's infrastructure and the rsync hub's client
# credentials; each role's secrets go only to the hosts with that role, by the roles grain.
base:
  '*':
    - infra
    - rsync_hub
    - backups
  'roles:sessions':
    - match: grain
    - redis
    - memcached
  'roles:db':
    - match: grain
    - mariadb
  'roles:source':
    - match: grain
    - gitolite
