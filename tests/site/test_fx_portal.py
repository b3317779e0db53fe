"""The partners' portal over real HTTP, logged in as a partner's own staff (FX-1, FX-2, FX-4, FX-5, FX-11, X-4,
X-5, X-6): it fixes a free client naming a manager by name only, reads its own fixed client as "yours, until …",
leaves the manager a question, tells its cancelled fixations from its expired ones, and reads in French and
Russian; other agencies' clients stay busy and nothing else."""

import html
import random
import re

import frappe
import pytest
from conftest import make_user, unused
from http_cast import AGENCY_A, FIXED_PHONE, MANAGER, PASSWORD, Client, message_of

from ownership_policies.fixation import fixing
from ownership_policies.ownership.partners import grant_membership

PORTAL_EN, PORTAL_FR, PORTAL_RU = (f"fx.portal.{lang}@example.com" for lang in ("en", "fr", "ru"))
PORTAL_USERS = (PORTAL_EN, PORTAL_FR, PORTAL_RU)
FIX = "ownership_policies.api.fix_client"
CHECK = "ownership_policies.api.check_client"


@pytest.fixture(scope="module")
def members(cast):
	"""Three members of agency A, one per language, each with a fresh hourly count of checks."""
	for user, lang in zip(PORTAL_USERS, ("en", "fr", "ru"), strict=True):
		make_user(user, "Ownership Partner", website=True, password=PASSWORD)
		frappe.db.set_value("User", user, "language", lang)
		grant_membership(user, AGENCY_A)
	frappe.db.delete("Client Check Log", {"user": ("in", PORTAL_USERS)})
	frappe.db.sql("commit")  # the test's commits are held; the web server must see the members
	yield {user: Client(user) for user in PORTAL_USERS}
	frappe.db.rollback()
	frappe.db.delete("Client Check Log", {"user": ("in", PORTAL_USERS)})
	frappe.db.sql("commit")


def mobile() -> str:
	"""A phone of the cast's range (+33 6 41 …), which the cast's tear-down takes away."""
	return unused(
		lambda: (
			f"+33 6 41 {random.randrange(20, 100)} {random.randrange(100):02d} {random.randrange(100):02d}"
		)
	)


def fixed(partner, **data) -> dict:
	response = partner.call(FIX, agency=AGENCY_A, phone=data.pop("phone", None) or mobile(), **data)
	assert response.status_code == 200, response.text
	return response.json()["message"]


def picker(page: str) -> dict:
	"""The manager picker of the page: {shown name: value}."""
	return {
		name: value for value, name in re.findall(r'<option value="([0-9a-f]{16})">([^<]+)</option>', page)
	}


def fresh():
	frappe.db.rollback()


def test_fx1_fx4_x6_a_partner_fixes_a_client_naming_the_manager_it_wants_by_name_only(members):
	partner = members[PORTAL_EN]
	page = partner.get("/client-check").text
	manager_name = frappe.db.get_value("User", MANAGER, "full_name")
	assert manager_name in picker(page)
	assert MANAGER not in page  # no manager's login on the page
	answer = fixed(partner, full_name="Portal Client", manager=picker(page)[manager_name])
	fresh()
	assert frappe.db.get_value("Client Fixation", answer["fixation"], "manager") == MANAGER
	assert answer["manager"] == manager_name and answer["until"] and answer["seconds_left"] > 0
	landed = partner.get("/client-check", params={"fixed": answer["fixation"]}).text
	assert "Portal Client is fixed to your agency." in landed
	assert f"Yours, until {answer['until']}" in landed and "Next: bring the client to a meeting" in landed


def test_fx4_x6_a_name_from_no_picker_gives_the_manager_on_duty_never_an_error(members):
	partner = members[PORTAL_EN]
	for junk in ("0123456789abcdef", "' OR 1=1 --", PORTAL_EN, "<b>x</b>", "é" * 140):
		response = partner.call(FIX, agency=AGENCY_A, phone=mobile(), full_name="Junk Manager", manager=junk)
		assert response.status_code == 200, (junk, response.text)
		fresh()
		fixation = response.json()["message"]["fixation"]
		assert frappe.db.get_value("Client Fixation", fixation, "manager") not in (junk, PORTAL_EN)
	too_long = partner.call(FIX, agency=AGENCY_A, phone=mobile(), full_name="Long", manager="x" * 141)
	assert too_long.status_code == 417 and "too long" in message_of(too_long)
	for junk in ("CF-NOPE", "' OR 1=1 --", "<script>alert(1)</script>", "%", "\u202e"):
		response = partner.get("/client-check", params={"fixed": junk})
		assert response.status_code == 200 and "fixed-answer" not in response.text, junk


def test_fx2_x5_its_own_fixed_client_is_yours_until_and_another_agencys_is_busy(members):
	partner, phone = members[PORTAL_EN], mobile()
	answer = fixed(partner, phone=phone, full_name="Own Client")
	mine = partner.call(CHECK, phone=phone).json()["message"]
	assert (mine["status"], mine["fixation"], mine["until"]) == ("yours", answer["fixation"], answer["until"])
	assert 0 < mine["seconds_left"] <= answer["seconds_left"]
	# agency B's client: busy, and nothing else
	assert partner.call(CHECK, phone=FIXED_PHONE).json()["message"] == {"status": "busy"}
	# to another member of the same agency, the client is its agency's all the same
	assert members[PORTAL_FR].call(CHECK, phone=phone).json()["message"]["status"] == "yours"


def test_fx11_a_partner_leaves_a_question_on_its_own_fixation_from_the_portal(members):
	partner = members[PORTAL_EN]
	answer = fixed(
		partner,
		full_name="Curious Client",
		manager=picker(partner.get("/client-check").text)[frappe.db.get_value("User", MANAGER, "full_name")],
	)
	page = partner.get("/client-check").text
	assert f'<form class="question mt-1" data-fixation="{answer["fixation"]}"' in page
	asked = partner.call(
		"ownership_policies.api.leave_question", fixation=answer["fixation"], question="Is there a balcony?"
	)
	assert asked.status_code == 200, asked.text
	fresh()
	assert frappe.db.exists(
		"Comment", {"reference_name": answer["fixation"], "content": ("like", "%balcony%")}
	)
	assert frappe.db.exists(
		"ToDo", {"reference_name": answer["fixation"], "allocated_to": MANAGER, "status": "Open"}
	)
	empty = members[PORTAL_FR].call(
		"ownership_policies.api.leave_question", fixation=answer["fixation"], question="   "
	)
	assert empty.status_code == 417 and message_of(empty) == "Écrivez la question pour le directeur."


def test_fx5_x5_its_cancelled_and_expired_fixations_are_told_apart(members):
	partner = members[PORTAL_EN]
	cancelled, expired = (
		fixed(partner, full_name=name)["fixation"] for name in ("Gone Client", "Late Client")
	)
	fresh()
	frappe.set_user(MANAGER)
	fixing.cancel(cancelled, "The client bought elsewhere")
	frappe.set_user("Administrator")
	fixing.expire(frappe.get_doc("Client Fixation", expired))
	frappe.db.sql("commit")
	rows = dict(
		re.findall(
			r'<tr data-fixation="([^"]+)" data-status="[^"]+">\s*<td>[^<]*</td>\s*<td class="stands">([^<]+)</td>',
			partner.get("/client-check").text,
		)
	)
	assert rows[cancelled].startswith("Cancelled by the company on ")
	assert rows[cancelled].endswith(": The client bought elsewhere")
	assert rows[expired].startswith("Expired on ") and "no meeting was confirmed in time" in rows[expired]


@pytest.mark.parametrize(
	"user, words",
	[
		(
			PORTAL_FR,
			("Vérifier un client", "Fixer un client", "Vos fixations", "Le directeur de permanence"),
		),
		(PORTAL_RU, ("Проверить клиента", "Закрепить клиента", "Ваши закрепления", "Дежурный менеджер")),
	],
)
def test_x4_x5_the_portal_reads_in_the_partners_language_without_the_newsletter(members, user, words):
	page = members[user].get("/client-check")
	assert page.status_code == 200
	for word in words:
		assert word in page.text, word
	assert "Get Updates" not in page.text and "footer-subscribe" not in page.text
	answer = fixed(members[user], full_name="Клиент Язык")
	landed = html.unescape(members[user].get("/client-check", params={"fixed": answer["fixation"]}).text)
	yours = {"fr": "À vous jusqu'au", "ru": "Ваш до"}[user.split(".")[2].split("@")[0]]
	assert yours in landed


def test_x5_other_website_pages_keep_their_footer(cast):
	assert "web-footer" in Client().get("/login").text
