#!yaml
yaml11:
  test.nop:
    - yes_bool: yes
    - off_bool: off
    - octal: 0644
    - literal: "{{ not_rendered }}"
    - tilde: ~
