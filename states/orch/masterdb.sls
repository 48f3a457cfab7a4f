# Move the database primary to the db host named by pillar `new` (docs/fleet.md, "Moving
# the primary"), on the master:
#
#   jsalt-run state.orchestrate orch.masterdb pillar='{"new": "db2"}'
#
# The operators' procedure, with Salt's orchestrate states (salt/states/saltmod.py): lock
# writes on the current primary, wait until the new one has applied everything the old one
# wrote, change infra:hosts_entries:masterdb in the pillar file, apply the db states on
# every db host (the new primary stops replicating and becomes writable, the old one and
# the other replicas replicate it) and the names and application config on every host.
# When a step before the pillar edit fails, the old primary is made writable again; when
# applying the db states after the edit fails, the edit is undone and the db states put
# the old primary back.
{%- import 'fleet/checks.jinja' as check with context %}
{%- import 'fleet/masterdb.jinja' as masterdb with context %}
{%- set entries = salt['pillar.get']('infra:hosts_entries', {}) %}
{%- set new = salt['pillar.get']('new', none) %}
{%- if new is not string or new == '' %}
{{ check.fail('new', 'is missing: it must be the minion id of the new database primary, as in pillar=\'{"new": "db2"}\'') }}
{%- endif %}
{{ check.word('new', new) }}
{%- if new not in entries or new == 'masterdb' %}
{{ check.fail('new', 'is not a host of infra:hosts_entries: ' ~ (new | tojson)) }}
{%- endif %}
{{ check.ipv4('infra:hosts_entries:' ~ new) }}
{%- set old_address = masterdb.address() | trim %}
{%- set new_address = entries[new] %}
{#- The pillar text to put back when the move is undone. #}
{%- set old_value = entries['masterdb'] %}
{%- if new_address == old_address %}

already-primary:
  test.succeed_without_changes:
    - name: {{ new }} ({{ new_address }}) is the database primary already
{%- else %}

# The old primary by its address (Salt's ipcidr targeting): pillar may name it by a name
# or an address.
lock-old-primary:
  salt.function:
    - name: cmd.run
    - tgt: {{ old_address }}
    - tgt_type: ipcidr
    - arg:
      - /usr/local/sbin/fleet-db lock

# db.catchup reads the old primary's binlog position with the replication account (its
# pillar) and waits, at most 60 s, until the new primary has applied it.
new-primary-caught-up:
  salt.state:
    - tgt: {{ new }}
    - sls: db.catchup
    - pillar:
        catchup_from: {{ old_address }}
    - require:
      - salt: lock-old-primary

switch-masterdb:
  salt.runner:
    - name: pillar.edit
    - arg:
      - infra:hosts_entries:masterdb
      - {{ new }}
    - require:
      - salt: new-primary-caught-up

apply-db-roles:
  salt.state:
    - tgt: 'roles:db'
    - tgt_type: grain
    - sls: db
    - require:
      - salt: switch-masterdb

# /etc/hosts and the applications' config on every host follow the new primary.
apply-fleet-names:
  salt.state:
    - tgt: '*'
    - sls:
      - common.hosts
      - common.appdb
    - require:
      - salt: apply-db-roles

new-primary-writable:
  salt.function:
    - name: cmd.run
    - tgt: {{ new }}
    - arg:
      - /usr/local/sbin/fleet-db is-primary
    - require:
      - salt: apply-db-roles

# Nothing changed roles yet: the old primary takes writes again.
unlock-old-primary:
  salt.function:
    - name: cmd.run
    - tgt: {{ old_address }}
    - tgt_type: ipcidr
    - arg:
      - /usr/local/sbin/fleet-db unlock
    - onfail:
      - salt: lock-old-primary
      - salt: new-primary-caught-up
      - salt: switch-masterdb

# The pillar edit stands but the db hosts did not all follow: masterdb goes back to what it
# was and the db states make the old primary the primary again.
undo-switch:
  salt.runner:
    - name: pillar.edit
    - arg:
      - infra:hosts_entries:masterdb
      - {{ old_value }}
    - onfail:
      - salt: apply-db-roles

reapply-db-roles:
  salt.state:
    - tgt: 'roles:db'
    - tgt_type: grain
    - sls: db
    - onchanges:
      - salt: undo-switch
{%- endif %}
