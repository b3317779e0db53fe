from ownership_policies.ownership.immutable import WrittenByApp


class DuplicateGroup(WrittenByApp):
	"""X-7: records of one person found by the duplicate scan. Written by the scan only (its rows straight into
	the table); read in the Duplicates report."""
