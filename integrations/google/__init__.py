"""Google Calendar and Gmail adapters.

``auth`` (OAuth installed-app flow, token in keyring), ``client`` (services, batches, retries,
error translation), ``calendar`` (source and reminders), ``gmail`` (drafts and replies).
Import the submodules directly: nothing is imported here, so ``--help`` stays fast.
"""
