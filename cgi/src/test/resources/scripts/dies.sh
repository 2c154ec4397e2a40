#!/bin/sh
# Dies without a response.
echo "dying on purpose" >&2
kill -9 $$
