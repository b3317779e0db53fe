from ownership_policies.ownership.immutable import WrittenByApp


class ClientRegistration(WrittenByApp):
	"""Written by reassignment/registration.py when an agent registers a new client, straight to its table."""
