# The sessions role's memcached: it listens on the host's fleet address.
memcached:
  port: 11211
  memory: 64          # megabytes of cache
