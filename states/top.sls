# The example fleet's state top file: every minion applies the common state; role states
# are assigned by the roles grain (set in each minion's /etc/jsalt/minion).
base:
  '*':
    - common
  'roles:mail':
    - match: grain
    - mail
  'roles:source':
    - match: grain
    - source
  'roles:db':
    - match: grain
    - db
  'roles:sessions':
    - match: grain
    - sessions
