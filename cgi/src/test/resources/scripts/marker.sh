#!/bin/sh
# Creates the file named by the query string: proof that it ran.
: > "$QUERY_STRING"
printf 'Content-Type: text/plain\n\nran\n'
