"""X-6: the app's REST methods refuse bad input with a translated message that says what to send (HTTP 417),
never a server error; nothing runs until every argument is read. A refusal the app raises carries no traceback."""

import inspect
import types
import typing

import frappe
from frappe import _

TEXT_LIMIT = 140  # a name, a phone, a record's name: a Data field
LONG_TEXT_LIMIT = 5000  # a reason, a question, a guarantee of service
NUMBER_LIMIT = 10**6
TRANSPORT = frozenset({"cmd", "csrf_token"})  # what Frappe's request adds to the arguments


def endpoint(methods: tuple[str, ...] | None = ("POST",), long_text=(), flags=()):
	"""`@frappe.whitelist`, with every argument checked against the method's signature and type hints first:
	`long_text` names the arguments that may be long, `flags` those that are 0 or 1."""

	def decorate(fn):
		signature, hints = inspect.signature(fn), typing.get_type_hints(fn)

		def checked(*args, **kwargs):
			try:
				values = read_arguments(
					signature, hints, {**dict(zip(signature.parameters, args, strict=False)), **kwargs}
				)
				for name in flags:
					if name in values and values[name] not in (0, 1):
						refuse(_("Send {0} as 0 or 1.").format(name))
				for name, value in values.items():
					limit = LONG_TEXT_LIMIT if name in long_text else TEXT_LIMIT
					if isinstance(value, str) and len(value) > limit:
						refuse(_("{0} is too long: send at most {1} characters.").format(name, limit))
				return fn(**values)
			except (frappe.ValidationError, frappe.PermissionError):
				frappe.local.flags.disable_traceback = True  # a refusal, not a fault: the message says it all
				raise

		# Frappe passes every request argument (so that unknown ones are refused here) and checks no types
		# itself (they are checked here, with translated messages).
		checked.__signature__ = signature.replace(
			parameters=[
				*signature.parameters.values(),
				inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD),
			]
		)
		for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
			setattr(checked, attribute, getattr(fn, attribute))
		return frappe.whitelist(methods=list(methods) if methods else None)(checked)

	return decorate


def read_arguments(signature: inspect.Signature, hints: dict, given: dict) -> dict:
	unknown = sorted(set(given) - set(signature.parameters) - TRANSPORT)
	if unknown:
		refuse(
			_("{0} is not an argument of this method. Send only {1}.").format(
				frappe.utils.escape_html(", ".join(unknown)), ", ".join(signature.parameters) or _("nothing")
			)
		)
	values = {}
	for name, parameter in signature.parameters.items():
		value, required = given.get(name), parameter.default is inspect.Parameter.empty
		if value is None and required:
			refuse(_("Send {0}: it is required.").format(name), title=_("Missing Argument"))
		if value is None or (value == "" and not required):
			continue  # the default; an empty required value is the method's own to explain
		values[name] = convert(name, value, base_type(hints.get(name, str)))
	return values


def base_type(hint):
	"""`str | None` is read as `str`."""
	if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
		return next(arg for arg in typing.get_args(hint) if arg is not type(None))
	return hint


def convert(name: str, value, kind):
	if kind is int:
		if isinstance(value, bool | int):
			number = int(value)
		elif isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) < 10:
			number = int(value.strip())
		else:
			refuse(_("Send {0} as a whole number.").format(name))
		if abs(number) > NUMBER_LIMIT:
			refuse(_("{0} is out of range: send a number between {1} and {2}.").format(name, 0, NUMBER_LIMIT))
		return number
	if isinstance(value, int | float) and not isinstance(value, bool):
		value = str(value)
	if not isinstance(value, str):
		refuse(_("Send {0} as text.").format(name))
	try:
		value.encode("utf-8")
	except UnicodeEncodeError:
		refuse(_("Send {0} as text.").format(name))
	return value.replace("\x00", "")


def refuse(message: str, title: str | None = None):
	frappe.throw(message, title=title or _("Invalid Request"))
