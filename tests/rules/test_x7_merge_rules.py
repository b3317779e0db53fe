"""X-7: who holds a person once two of their records are merged, pure rules: a running fixation's record keeps
its owner (FX-8), else the first registration prevails (RA-9); a record with no owner gives way. Two running
referrals of the person: the first attachment keeps the contact, the later one is a double prescription (PR-4),
or a repeat of the first by the same partner (PR-2)."""

from datetime import datetime

from ownership_policies.ownership.merge_rules import (
	ALREADY_ATTACHED,
	DOUBLE_PRESCRIPTION,
	Referral,
	Side,
	owner_after_merge,
	referrals_after_merge,
)

EARLY, LATE = datetime(2026, 3, 1), datetime(2026, 6, 1)
NOW, NEXT_YEAR = datetime(2026, 7, 1), datetime(2027, 3, 1)


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


def test_x7_two_running_referrals_the_first_keeps_the_contact_and_the_later_is_a_double_prescription_pr4():
	later = Referral("PA-2", "Courtier Lune", LATE, NEXT_YEAR)
	first = Referral("PA-1", "Courtier Soleil", EARLY, NEXT_YEAR)
	decision = referrals_after_merge([later, first], NOW)
	assert decision.first == first
	((demoted,),) = [decision.later]
	assert (demoted.referral, demoted.verdict, demoted.rule) == (later, DOUBLE_PRESCRIPTION, "PR-4")
	assert decision.rule == "PR-4"


def test_x7_the_same_partner_twice_the_later_attachment_repeats_the_first_pr2():
	first = Referral("PA-1", "Courtier Soleil", EARLY, NEXT_YEAR)
	again = Referral("PA-2", "Courtier Soleil", LATE, NEXT_YEAR)
	decision = referrals_after_merge([first, again], NOW)
	((demoted,), rule) = decision.later, decision.rule
	assert (demoted.referral, demoted.verdict, demoted.rule, rule) == (
		again,
		ALREADY_ATTACHED,
		"PR-2",
		"PR-2",
	)


def test_x7_a_referral_that_holds_nothing_now_leaves_the_other_one_standing():
	lapsed = Referral("PA-1", "Courtier Soleil", EARLY, LATE)  # its window ended before the merge
	refused = Referral("PA-3", "Courtier Étoile", EARLY, None)  # an existing client's: it never held (PR-3)
	running = Referral("PA-2", "Courtier Lune", LATE, NEXT_YEAR)
	assert referrals_after_merge([lapsed, refused, running], NOW) is None
	assert referrals_after_merge([running], NOW) is None
