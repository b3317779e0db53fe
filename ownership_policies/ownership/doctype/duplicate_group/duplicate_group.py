from ownership_policies.ownership.immutable import WrittenByApp


class DuplicateGroup(WrittenByApp):
	"""X-7: records of one person found by the duplicate scan. Written by the scan only (its rows straight into
	the table), and by a sales manager's Not the Same Person mark and its reopening (duplicate_scan); read in the
	Duplicates report."""
