# The sessions role's redis: it listens on the host's fleet address and asks for this
# password (requirepass).
redis:
  password: example-redis-password       # EXAMPLE VALUE: replace before real use
  port: 6379
