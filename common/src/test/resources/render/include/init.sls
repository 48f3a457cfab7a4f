include_top:
  test.nop: []
{% include 'include/snippet.jinja' %}
{% include './other.jinja' %}
{% include 'salt://include/missing.jinja' ignore missing %}
