# The example fleet's state top file: every minion applies the common state. Role states,
# when the tree has them, are assigned here by grain (a 'roles:db' target with '- match: grain').
base:
  '*':
    - common
