from ownership_policies.ownership.immutable import WrittenByApp
from ownership_policies.ownership.rule_fields import RuleFields


class ClientRegistration(RuleFields, WrittenByApp):
	"""Written by reassignment/registration.py when an agent registers a new client, straight to its table."""

	RULE_FIELDS = ("client_key", "lead", "agent", "registered_on")  # X-2, RA-9: all of it
