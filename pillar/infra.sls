# Fleet-wide infrastructure data: the DNS hub serves hosts_entries, and db_servers:masterdb
# names the database master (move it by editing this and re-applying).
infra:
  hosts_entries: {}
  db_servers: {}
