"""``dtmarkup serve``: the validation service and the web page for a submissions desk.

One engine behind the command line, an HTTP API and a web page. The layers, top down:

- ``app``: the Starlette application: routes, query options, body limits, status codes;
- ``observe``: one JSON log line per request and the Prometheus metrics;
- ``pool``: a bounded queue in front of pre-started worker processes, with a time limit
  per request (a worker that overruns is killed and replaced);
- ``worker``: the loop each worker process runs;
- ``engine``: the only module that imports dtmarkup's internals.

Needs the ``serve`` extra: ``pip install 'dtmarkup[serve]'``.
"""
