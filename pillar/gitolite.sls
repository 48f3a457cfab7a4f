# The source role's gitolite: the admin's public key and the repositories with their
# access rules (gitolite.conf syntax: permission -> users or @groups).
gitolite:
  admin_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILSp6U/UJpQ9N7ImoWfZnCLev00i5ymIDlSTDx9ilLBC admin@fleet.internal (EXAMPLE KEY: replace)'
  repositories:
    gitolite-admin:
      RW+: [admin]
    fleet-config:
      RW+: [admin]
