vars:
  test.nop:
    - sls: {{ sls }}
    - slspath: {{ slspath }}
    - tpldir: {{ tpldir }}
    - tplfile: {{ tplfile }}
    - sls_path: {{ sls_path }}
    - slsdotpath: {{ slsdotpath }}
    - slscolonpath: {{ slscolonpath }}
    - tpldot: {{ tpldot }}
    - saltenv: {{ saltenv }}
