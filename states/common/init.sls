# What every host of the fleet gets: its names in /etc/hosts, the master's DNS hub as its
# resolver, exim4 sending through the mail role's host, the minion's own config, the
# rsync client for the backups hub and where applications find the database primary.
include:
  - common.hosts
  - common.resolver
  - exim4
  - common.minion
  - common.rsync
  - common.appdb
