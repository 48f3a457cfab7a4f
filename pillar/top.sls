# The example fleet's pillar top file.
base:
  '*':
    - infra
