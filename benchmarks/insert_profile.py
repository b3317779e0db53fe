"""Benchmark helper, not a test: where the app's part of an insert goes, measured without a profiler (#16).

While a `HookProfile` is active, what Frappe runs for the app is timed as it runs: each of the app's doc events
(as Frappe finds them, through frappe.get_attr), each SQL statement they send, and each insert of a document of
the app's own doctypes (ledger lines, attachments). A hook is counted only when it is the outermost one (a hook
that saves a record holds the hooks that the save runs), so the hooks' times add up to the app's part. That
part falls in three:
- the app's document inserts (kept as documents: Frappe's insert, their controllers, Webhooks and other apps'
  hooks run for each);
- the app's other SQL statements (the look-ups and index rows the rules read and write);
- the rest, the hooks' own Python: the only part that no rule and no document needs.
The first two together are the floor the app's part cannot go under without writing less.
"""

import time
from collections import defaultdict
from contextlib import contextmanager
from statistics import median

import frappe
from frappe.model.document import Document


class HookProfile:
	def __init__(self, app: str):
		self.doc_events = {
			method
			for events in frappe.get_doc_hooks().values()
			for methods in events.values()
			for method in methods
			if method.startswith(app + ".")
		}
		modules = frappe.get_module_list(app)
		self.doctypes = set(frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name"))
		self.hook = None  # the outermost hook of the app running now
		self.in_document = False
		self.figures = defaultdict(lambda: defaultdict(float))  # hook: {time, calls, statements, sql, ...}
		self.by_doctype = defaultdict(lambda: defaultdict(float))  # the app's documents: {documents, time}

	@contextmanager
	def active(self):
		get_attr, insert = frappe.get_attr, Document.insert
		frappe.get_attr, Document.insert = self._hooks(get_attr), self._documents(insert)
		frappe.db.sql = self._statements(frappe.db.sql)
		try:
			yield self
		finally:
			frappe.get_attr, Document.insert = get_attr, insert
			del frappe.db.sql  # the database class's own again

	def _hooks(self, get_attr):
		def timed_get_attr(path):
			method = get_attr(path)
			if path not in self.doc_events:
				return method

			def timed(*args, **kwargs):
				if self.hook:  # run by another of the app's hooks: counted in that one
					return method(*args, **kwargs)
				self.hook, start = path, time.perf_counter()
				try:
					return method(*args, **kwargs)
				finally:
					self.hook = None
					self._add(path, "time", time.perf_counter() - start)
					self._add(path, "calls", 1)

			return timed

		return timed_get_attr

	def _documents(self, insert):
		profile = self

		def timed_insert(doc, *args, **kwargs):
			if not profile.hook or profile.in_document or doc.doctype not in profile.doctypes:
				return insert(doc, *args, **kwargs)
			profile.in_document, start = True, time.perf_counter()
			try:
				return insert(doc, *args, **kwargs)
			finally:
				took, profile.in_document = time.perf_counter() - start, False
				profile._add(profile.hook, "document time", took)
				profile._add(profile.hook, "documents", 1)
				profile.by_doctype[doc.doctype]["time"] += took
				profile.by_doctype[doc.doctype]["documents"] += 1

		return timed_insert

	def _statements(self, sql):
		def timed_sql(*args, **kwargs):
			if not self.hook or self.in_document:
				return sql(*args, **kwargs)
			start = time.perf_counter()
			try:
				return sql(*args, **kwargs)
			finally:
				self._add(self.hook, "sql", time.perf_counter() - start)
				self._add(self.hook, "statements", 1)

		return timed_sql

	def _add(self, hook: str, figure: str, value: float):
		self.figures[hook][figure] += value

	def report(self, label: str, inserts: int, with_app: list[float], without_app: list[float]):
		"""The comparison of both sides, then each hook's mean per insert (`inserts` with the app), then the
		three parts and the ratio the floor would give."""
		vanilla, app = median(without_app), median(with_app)
		print(f"\n{label}: {len(with_app)} each side, interleaved, each hook wrapped (ms, mean per insert)")
		print(
			f"  vanilla ERPNext median {vanilla * 1000:.2f}, with the app {app * 1000:.2f}: ratio {app / vanilla:.3f}"
		)
		print("    ms  calls  documents (ms)  other statements (ms)  hook")
		totals = defaultdict(float)
		for hook, figures in sorted(self.figures.items(), key=lambda item: -item[1]["time"]):
			for figure, value in figures.items():
				totals[figure] += value
			each = defaultdict(float, {figure: value / inserts for figure, value in figures.items()})
			print(
				f"  {each['time'] * 1000:6.3f} {each['calls']:5.1f}  {each['documents']:3.1f} "
				f"({each['document time'] * 1000:5.3f})   {each['statements']:4.1f} ({each['sql'] * 1000:5.3f})"
				f"         {hook.removeprefix('ownership_policies.')}"
			)
		hooks, documents, statements = (
			totals[figure] / inserts for figure in ("time", "document time", "sql")
		)
		python = hooks - documents - statements
		print(
			f"  the app's part (median against median) {(app - vanilla) * 1000:.2f} ms, outside its hooks (Frappe "
			f"calling them, the commit of their rows) {(app - vanilla - hooks) * 1000:.2f} ms"
		)
		print(
			f"  the app's hooks: {hooks * 1000:.2f} ms = documents "
			f"{documents * 1000:.2f} ({totals['documents'] / inserts:.1f}) + other statements "
			f"{statements * 1000:.2f} ({totals['statements'] / inserts:.1f}) + their own Python {python * 1000:.2f}"
		)
		for doctype, figures in self.by_doctype.items():
			print(
				f"    documents: {figures['documents'] / inserts:.1f} {doctype} "
				f"({figures['time'] / inserts * 1000:.2f} ms)"
			)
		print(
			f"  floor (vanilla + documents + other statements): ratio {(vanilla + documents + statements) / vanilla:.3f}"
		)
