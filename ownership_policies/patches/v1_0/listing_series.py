"""RA-9: two first-ever listings registered at once would deadlock creating their naming series' row, so the row
exists before any listing. Once, on upgrade (it used to run on every migrate; INSERT IGNORE leaves an existing
row and its counter alone); a fresh install makes it in after_install."""

from ownership_policies.setup.install import create_race_series


def execute():
	create_race_series()
