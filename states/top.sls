# The example fleet's state top file: role states by grain (issue 5 adds the role states).
base:
  '*':
    - common
