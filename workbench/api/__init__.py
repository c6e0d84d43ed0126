"""DRF defaults for the integration API, wired once in ``REST_FRAMEWORK`` (settings).

``errors`` (problem+json handler and schema), ``fields`` (strict inputs), ``filters`` (strict
query parameters), ``permissions`` (who may write), ``pagination``, ``throttling`` and
``renderers``. Nothing here knows an app: authentication by API token lives in
``integrations.authentication``, schema hooks in the app they describe.
"""
