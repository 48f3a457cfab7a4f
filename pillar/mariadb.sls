# The db role's MariaDB: it listens on the host's fleet address; server_id defaults to a
# number made from that address (set it here to pin it). Databases, users and their grants
# are created on the primary (infra:hosts_entries:masterdb) by the mysql_database,
# mysql_user and mysql_grants states and reach the replicas through replication.
mariadb:
  databases:
    - app
  users:
    app:
      password: example-app-password     # EXAMPLE VALUE: replace before real use
      host: '10.77.0.%'
      grants:
        - database: 'app.*'
          grant: 'select,insert,update,delete'
  # The replicas' account on the primary (created there with REPLICATION SLAVE, over TLS
  # only), from the fleet's addresses.
  replication:
    user: repl
    password: example-replication-password   # EXAMPLE VALUE: replace before real use
    host: '10.77.0.%'

# Each db host publishes its TLS certificate (public part only) in the mine; the replicas
# trust the primary's certificate from there (states/db/init.sls).
mine_functions:
  fleet_db_cert:
    - mine_function: cmd.run
    - cat /etc/mysql/fleet-tls/server.crt
