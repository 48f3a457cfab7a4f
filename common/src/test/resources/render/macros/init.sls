{% from 'macros/map.jinja' import defaults, vhost with context %}
{% import './map.jinja' as m %}
nginx:
  pkg.installed:
    - name: {{ defaults.pkg }}
    - port: {{ m.defaults.port }}
    - conf: {{ m.defaults['conf'] }}
{{ vhost('site_a') }}
{{ m.vhost('site_b', port=8080) }}
