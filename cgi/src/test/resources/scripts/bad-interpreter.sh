#!/no/such/interpreter
# Its interpreter does not exist: it cannot be started (502).
