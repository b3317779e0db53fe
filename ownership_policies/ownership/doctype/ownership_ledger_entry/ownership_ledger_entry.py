from ownership_policies.ownership.immutable import ImmutableDocument


class OwnershipLedgerEntry(ImmutableDocument):
	pass
