{% import_yaml 'data/defaults.yaml' as defaults %}
{% import_json 'salt://data/settings.json' as settings %}
{% import_text './motd.txt' as motd %}
{% load_yaml as inline %}
a: 1
b: [x, y]
{% endload %}
{% load_json as injson %}
{"k": true}
{% endload %}
{% load_text as intext %}plain text{% endload %}
data:
  test.nop:
    - port: {{ defaults.port }}
    - enabled: {{ defaults.enabled }}
    - mode: {{ defaults.mode }}
    - name: {{ settings.name }}
    - list: {{ settings.list }}
    - motd: {{ motd }}
    - inline: {{ inline }}
    - injson: {{ injson.k }}
    - intext: {{ intext }}
