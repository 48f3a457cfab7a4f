base:
  '*':
    - bench
