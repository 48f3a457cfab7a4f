# The mail role: exim4 as the fleet's mail server (states/exim4 configures it by role).
include:
  - exim4
