"""The local stack: droplets end to end on a local AWS emulator, no account needed.

The pieces, in the order ``droplets dev`` uses them:

- :mod:`droplets.local.emulator` starts moto's server on 127.0.0.1;
- :mod:`droplets.local.mocks` is a Pulumi mocks implementation that creates each supported
  resource on that server and hands the program the emulator's real names, ARNs and URLs;
- :mod:`droplets.local.stack` runs the project's own ``__main__.py`` with a stack's config
  under those mocks and writes ``.droplets/local.json``;
- :mod:`droplets.local.runner` stands in for Lambda's SQS event source mappings: it polls
  each queue and invokes the real handlers (one worker process per function, see
  :mod:`droplets.local.container`) with the real event shape;
- :mod:`droplets.local.traffic` and :mod:`droplets.local.demo` drive the example Express
  app and print what the lake saw (``droplets demo``).
"""
