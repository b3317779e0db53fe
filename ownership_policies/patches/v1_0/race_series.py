"""FX-2, FX-8: two first-ever fixations made at once deadlocked creating the FIX- series row, like listings
(listing_series): the row exists before any fixation. A fresh install makes it in after_install."""

from ownership_policies.setup.install import create_race_series


def execute():
	create_race_series()
