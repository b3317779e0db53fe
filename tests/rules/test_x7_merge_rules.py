"""X-7: who holds a person once two of their records are merged, pure rules: a running fixation's record keeps
its owner (FX-8), else the first registration prevails (RA-9); a record with no owner gives way."""

from datetime import datetime

from ownership_policies.ownership.merge_rules import Side, owner_after_merge

EARLY, LATE = datetime(2026, 3, 1), datetime(2026, 6, 1)


def test_x7_the_record_registered_first_keeps_its_owner_ra9():
	kept, merged = Side("Lead", "kept", "bruno", LATE), Side("Lead", "merged", "anne", EARLY)
	decision = owner_after_merge(kept, merged)
	assert (decision.holder, decision.rule, decision.side) == ("anne", "RA-9", merged)
	assert owner_after_merge(Side("Lead", "kept", "bruno", EARLY), merged).holder == "bruno"


def test_x7_registered_at_the_same_moment_the_kept_record_keeps_its_owner():
	assert (
		owner_after_merge(Side("Lead", "k", "bruno", EARLY), Side("Lead", "m", "anne", EARLY)).holder
		== "bruno"
	)


def test_x7_a_running_fixation_keeps_its_manager_whoever_registered_first_fx8():
	kept, merged = Side("Lead", "k", "manager", LATE, fixed=True), Side("Lead", "m", "anne", EARLY)
	decision = owner_after_merge(kept, merged)
	assert (decision.holder, decision.rule) == ("manager", "FX-8")
	# a fixation on both: the first registration decides again
	both = owner_after_merge(kept, Side("Lead", "m", "anne", EARLY, fixed=True))
	assert (both.holder, both.rule) == ("anne", "RA-9")


def test_x7_a_record_without_an_owner_gives_way():
	kept, merged = Side("Customer", "k", None, EARLY), Side("Lead", "m", "anne", LATE)
	assert owner_after_merge(kept, merged).holder == "anne"
	nobody = owner_after_merge(kept, Side("Lead", "m", None, LATE))
	assert (nobody.holder, nobody.side, nobody.reason) == (None, None, "merge_no_owner")
