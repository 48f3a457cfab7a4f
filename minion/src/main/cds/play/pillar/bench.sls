# Twenty hosts for the benchmark play's hosts file.
bench_hosts:
  - name: host01.bench.example
    ip: 10.0.0.1
    aliases: [host01]
  - name: host02.bench.example
    ip: 10.0.0.2
    aliases: [host02, h2]
  - name: host03.bench.example
    ip: 10.0.0.3
    aliases: [host03]
  - name: host04.bench.example
    ip: 10.0.0.4
    aliases: [host04, h4]
  - name: host05.bench.example
    ip: 10.0.0.5
    aliases: [host05]
  - name: host06.bench.example
    ip: 10.0.0.6
    aliases: [host06, h6]
  - name: host07.bench.example
    ip: 10.0.0.7
    aliases: [host07]
  - name: host08.bench.example
    ip: 10.0.0.8
    aliases: [host08, h8]
  - name: host09.bench.example
    ip: 10.0.0.9
    aliases: [host09]
  - name: host10.bench.example
    ip: 10.0.0.10
    aliases: [host10, h10]
  - name: host11.bench.example
    ip: 10.0.0.11
    aliases: [host11]
  - name: host12.bench.example
    ip: 10.0.0.12
    aliases: [host12, h12]
  - name: host13.bench.example
    ip: 10.0.0.13
    aliases: [host13]
  - name: host14.bench.example
    ip: 10.0.0.14
    aliases: [host14, h14]
  - name: host15.bench.example
    ip: 10.0.0.15
    aliases: [host15]
  - name: host16.bench.example
    ip: 10.0.0.16
    aliases: [host16, h16]
  - name: host17.bench.example
    ip: 10.0.0.17
    aliases: [host17]
  - name: host18.bench.example
    ip: 10.0.0.18
    aliases: [host18, h18]
  - name: host19.bench.example
    ip: 10.0.0.19
    aliases: [host19]
  - name: host20.bench.example
    ip: 10.0.0.20
    aliases: [host20, h20]
