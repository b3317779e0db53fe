// The partners' portal (FX-1, FX-2, FX-7, FX-11, X-5): check, fix, ask, attach; each answer says what comes next.
frappe.ready(() => {
	const portal = document.getElementById("client-portal");
	const words = JSON.parse(portal.dataset.words);
	const METHOD = "/api/method/ownership_policies.api.";

	// the server's messages, as text (they may carry <strong>)
	const text = (html) => new DOMParser().parseFromString(html, "text/html").body.textContent;
	const messages = (body) =>
		JSON.parse(body._server_messages || "[]")
			.map((m) => text(JSON.parse(m).message || ""))
			.join(" ");

	// POST a form (FormData keeps a file) to an app method: {ok, message, error}
	const post = (method, data) =>
		fetch(METHOD + method, {
			method: "POST",
			body: data,
			headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" },
		})
			.then((response) =>
				response.json().then((body) => ({
					ok: response.ok,
					message: body.message,
					error: messages(body) || words.failed,
				}))
			)
			.catch(() => ({ ok: false, error: words.failed }));

	const say = (element, said, ok) => {
		element.textContent = said;
		element.classList.toggle("text-success", ok);
		element.classList.toggle("text-danger", !ok);
	};

	// FX-2: free, busy, or yours, and what to do next
	const answer = document.getElementById("check-answer");
	const verdict = answer.querySelector(".verdict");
	const next = answer.querySelector(".next");
	document.getElementById("client-check").addEventListener("submit", (event) => {
		event.preventDefault();
		const form = event.target;
		verdict.textContent = words.sending;
		next.textContent = "";
		delete answer.dataset.status;
		post("check_client", new FormData(form)).then(({ ok, message, error }) => {
			if (!ok) {
				say(verdict, error, false);
				return;
			}
			const status = message.status;
			answer.dataset.status = status;
			say(
				verdict,
				status === "yours" ? words.yours.replace("{0}", message.until) : words[status],
				status !== "busy"
			);
			next.textContent = { free: words.free_next, busy: words.busy_next, yours: words.running_next }[status];
			const fix = document.getElementById("fix-client");
			if (status === "free" && fix) {
				// the fix form, filled in with what was checked
				fix.elements.phone.value = form.elements.phone.value;
				fix.elements.full_name.value = form.elements.full_name.value;
				fix.elements.full_name.focus();
			}
		});
	});

	// FX-1, FX-4: fix a free client; the page then shows it among the agency's fixations
	const fix = document.getElementById("fix-client");
	if (fix) {
		fix.addEventListener("submit", (event) => {
			event.preventDefault();
			const said = document.getElementById("fix-answer");
			const data = new FormData(fix);
			if (!data.get("manager")) data.delete("manager");
			say(said, words.sending, true);
			post("fix_client", data).then(({ ok, message, error }) => {
				if (!ok) {
					say(said, error, false);
					return;
				}
				window.location.assign(`/client-check?fixed=${encodeURIComponent(message.fixation)}`);
			});
		});
	}

	// FX-7, FX-10: the signed selection act, attached to the agency's own running fixation
	document.querySelectorAll("form.selection-act").forEach((form) => {
		form.addEventListener("submit", (event) => {
			event.preventDefault();
			const data = new FormData(form);
			data.append("fixation", form.dataset.fixation);
			const said = form.querySelector(".act-answer");
			say(said, words.sending, true);
			post("attach_selection_act", data).then(({ ok, error }) =>
				say(said, ok ? words.attached : error, ok)
			);
		});
	});

	// FX-11: a question about properties, for the fixation's manager
	document.querySelectorAll("form.question").forEach((form) => {
		form.addEventListener("submit", (event) => {
			event.preventDefault();
			const data = new FormData(form);
			data.append("fixation", form.dataset.fixation);
			const said = form.querySelector(".question-answer");
			say(said, words.sending, true);
			post("leave_question", data).then(({ ok, error }) => {
				say(said, ok ? words.asked.replace("{0}", form.dataset.manager) : error, ok);
				if (ok) form.elements.question.value = "";
			});
		});
	});

	// the countdown of each running fixation, from the server's seconds (whatever the browser's clock)
	const loaded = Date.now();
	const two = (n) => String(n).padStart(2, "0");
	const tick = () =>
		document.querySelectorAll("tr[data-status='Active'] .time-left").forEach((cell) => {
			const left = Math.floor((cell.dataset.seconds * 1000 - (Date.now() - loaded)) / 1000);
			if (left <= 0) {
				cell.textContent = words.expired;
				return;
			}
			const days = Math.floor(left / 86400);
			const hours = Math.floor((left % 86400) / 3600);
			const minutes = Math.floor((left % 3600) / 60);
			cell.textContent =
				`${days} ${words.days} ${two(hours)} ${words.hours} ` +
				`${two(minutes)} ${words.minutes} ${two(left % 60)} ${words.seconds}`;
		});
	tick();
	setInterval(tick, 1000);
});
