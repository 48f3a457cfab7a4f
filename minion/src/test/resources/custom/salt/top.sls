base:
  '*':
    - jcustom
