# The master's rsync hub: minions push their backups to module backups with these
# credentials (the rsync module and rsync.synced read them from pillar and pass the
# password in RSYNC_PASSWORD); the master's hub reads the same values for its secrets file
# (rsync_hub:modules:backups:secrets_pillar in the master config).
rsync_hub:
  host: 10.77.0.1
  modules:
    backups:
      user: backup
      password: example-backup-secret    # EXAMPLE VALUE: replace before real use
