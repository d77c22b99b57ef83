"""The rules page (``/rules``): every code's documentation, one anchor per code, for the
web page's finding links. Rendered once, from the code table, with autoescaping."""

from __future__ import annotations

import jinja2

from dtmarkup.serve.engine import CODES

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dtmarkup rules</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body class="rules">
<header><h1>dtmarkup rules</h1><p><a href="/">Check an article</a></p></header>
<main>
<table>
<thead><tr><th>Code</th><th>Severity</th><th>Layer</th><th>Title</th></tr></thead>
<tbody>
{% for info in codes %}<tr><td><a href="#{{ info.code }}">{{ info.code }}</a></td>\
<td>{{ info.severity }}</td><td>{{ info.layer }}</td><td>{{ info.title }}</td></tr>
{% endfor %}</tbody>
</table>
{% for info in codes %}
<section id="{{ info.code }}" class="rule">
<h2>{{ info.code }}: {{ info.title }}</h2>
<p class="meta">{{ info.severity }}, {{ info.layer }} layer</p>
<p>{{ info.rationale }}</p>
<h3>Bad</h3>
<pre>{{ info.bad }}</pre>
<h3>Good</h3>
<pre>{{ info.good }}</pre>
<p><strong>Fix:</strong> {{ info.fix }}</p>
</section>
{% endfor %}
</main>
</body>
</html>
"""


def rules_page() -> str:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(_TEMPLATE).render(codes=list(CODES.values()))
