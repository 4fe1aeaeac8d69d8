"""Opera Room: the OPERA facilitation method, live."""
