# Fleet-wide infrastructure: addresses and names every host and the master's hubs use.
# The DNS hub serves hosts_entries (compiled for the master's id); every host writes them
# to /etc/hosts too, so names resolve while the hub is down. A host's own entry (by its
# minion id) is its fleet address: the one its services bind.
infra:
  domain: fleet.internal
  subnet: 10.77.0.0/24
  nameserver: 10.77.0.1
  hosts_entries:
    master: 10.77.0.1
    jsalt: 10.77.0.1
    mail1: 10.77.0.11
    smtp: 10.77.0.11
    src1: 10.77.0.12
    db1: 10.77.0.13
    db2: 10.77.0.15
    # The database primary: a name of this map (or an address). Change this line to move
    # the primary (docs/fleet.md, "Moving the primary"); the other db hosts replicate it.
    masterdb: db1
    sessions1: 10.77.0.14
  mail:
    # Every host's exim4 sends its mail through this host (the mail role's).
    smarthost: smtp.fleet.internal
