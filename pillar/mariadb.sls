# The db role's MariaDB: it listens on the host's fleet address; server_id defaults to a
# number made from that address (set it here to pin it). Databases, users and their grants
# are created by the mysql_database, mysql_user and mysql_grants states.
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
