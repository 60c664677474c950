"""droplets: the operator's side (shared contracts, query library, CLI, local stack).

Kept import-free on purpose: the Lambda bundle ships ``droplets.contract`` and must not
pull in the CLI's dependencies.
"""

__version__ = "0.1.0"
