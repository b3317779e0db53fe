from ownership_policies.ownership.immutable import ImmutableDocument


class AgentScoreEntry(ImmutableDocument):
	pass
