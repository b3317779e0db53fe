"""X-2: every owned record that has no ledger line gets one, "owner at install", so that `who_owns` answers
for it. Batched and restartable; a fresh install runs the same backfill from after_install."""

from ownership_policies.ownership.history import backfill


def execute():
	backfill()
