frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Client Requests by Status"] = {
	method: "ownership_policies.ownership.dashboard_chart_source.client_requests_by_status.client_requests_by_status.get",
	filters: [],
};
