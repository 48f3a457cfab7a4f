# States every host gets.
jsalt-managed-marker:
  test.nop:
    - name: every host is managed by jsalt
