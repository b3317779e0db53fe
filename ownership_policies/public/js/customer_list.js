// Customer list: "Reassignable", the customers no longer protected (RA-2).
ownership_policies.add_reassignable_filter("Customer");
