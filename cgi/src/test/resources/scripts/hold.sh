#!/bin/sh
# Marks that it runs (QUERY_STRING.started), then waits up to 30 s for QUERY_STRING.release to
# exist: it holds its slot for as long as a test needs.
: > "$QUERY_STRING.started"
i=0
while [ ! -e "$QUERY_STRING.release" ] && [ $i -lt 600 ]; do
  sleep 0.05
  i=$((i + 1))
done
printf 'Content-Type: text/plain\n\nreleased\n'
