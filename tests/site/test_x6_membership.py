"""X-6: which partner a user belongs to is a Partner Member row staff grant; a Contact never makes a member."""

import frappe
import pytest
from conftest import make_partner, make_user

from ownership_policies.ownership.partners import grant_membership, partner_recipients, partners_of
from ownership_policies.patches.v1_0 import partner_members_from_contacts

ALPHA, BETA = "Membership Alpha", "Membership Beta"


def contact_for(user: str, partner: str, made_by: str = "Administrator"):
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": user.split("@")[0],
			"email_ids": [{"email_id": user, "is_primary": 1}],
			"user": user,
			"links": [{"link_doctype": "Sales Partner", "link_name": partner}],
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Contact", contact.name, "owner", made_by)
	return contact


def test_x6_staff_grant_a_membership_and_the_user_becomes_a_partner_user():
	make_partner(ALPHA)
	user = make_user("member.one@example.com", website=True)
	assert partners_of(user) == []
	grant_membership(user, ALPHA)
	assert partners_of(user) == [ALPHA]
	assert "Ownership Partner" in frappe.get_roles(user)
	assert frappe.db.get_value("Partner Member", {"user": user}, "granted_by") == "Administrator"
	assert user in partner_recipients(ALPHA)


def test_x6_a_contact_linked_to_a_partner_makes_no_member():
	make_partner(BETA)
	user = make_user("member.two@example.com", "Ownership Partner", website=True)
	contact_for(user, BETA, made_by=user)
	assert partners_of(user) == []


def test_x6_a_user_belongs_to_one_partner_unless_staff_say_otherwise():
	make_partner(ALPHA)
	make_partner(BETA)
	user = make_user("member.three@example.com", website=True)
	grant_membership(user, ALPHA)
	with pytest.raises(frappe.ValidationError, match="Member of Several Partners"):
		grant_membership(user, BETA)
	grant_membership(user, BETA, member_of_several=True)
	assert sorted(partners_of(user)) == [ALPHA, BETA]


def test_x6_a_desk_user_is_no_partner_member():
	make_partner(ALPHA)
	user = make_user("member.desk@example.com", "Sales User")
	with pytest.raises(frappe.ValidationError, match="desk user"):
		grant_membership(user, ALPHA)


def test_x6_partners_and_sales_users_cannot_grant_memberships(sales_user):
	make_partner(ALPHA)
	partner = make_user("member.four@example.com", "Ownership Partner", website=True)
	for user in (partner, sales_user):
		frappe.set_user(user)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc({"doctype": "Partner Member", "user": partner, "partner": ALPHA}).insert()
		frappe.set_user("Administrator")
	assert partners_of(partner) == []


def test_x6_the_patch_carries_over_links_staff_made_and_not_those_a_user_made_itself():
	make_partner(ALPHA)
	make_partner(BETA)
	staff_made = make_user("member.five@example.com", "Ownership Partner", website=True)
	self_made = make_user("member.six@example.com", "Ownership Partner", website=True)
	contact_for(staff_made, ALPHA)
	contact_for(self_made, BETA, made_by=self_made)
	partner_members_from_contacts.carry_over()
	partner_members_from_contacts.carry_over()  # once: a second run adds nothing
	assert partners_of(staff_made) == [ALPHA]
	assert frappe.db.count("Partner Member", {"user": staff_made}) == 1
	assert partners_of(self_made) == []


def test_x6_the_patch_moved_to_v1_0_does_not_run_again_where_it_ran_under_its_old_path():
	"""Frappe's Patch Log knows a patch by its dotted path, so the move to patches/v1_0 is a new patch to it: run
	again, it would give back memberships staff have since taken away. Its old path in the log stops it."""
	make_partner(ALPHA)
	user = make_user("member.seven@example.com", "Ownership Partner", website=True)
	contact_for(user, ALPHA)
	old = "ownership_policies.patches.partner_members_from_contacts"
	if not frappe.db.exists("Patch Log", {"patch": old}):
		frappe.get_doc({"doctype": "Patch Log", "patch": old}).insert(ignore_permissions=True)
	partner_members_from_contacts.execute()
	assert partners_of(user) == []
	frappe.db.delete("Patch Log", {"patch": old})
	partner_members_from_contacts.execute()  # a site that never ran it under the old path
	assert partners_of(user) == [ALPHA]
