frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Leads Waiting by Tier"] = {
	method: "ownership_policies.lead_queue.dashboard_chart_source.leads_waiting_by_tier.leads_waiting_by_tier.get",
	filters: [],
};
