#!/bin/sh
# Writes its pid to the file named by the query string, then a line every 50 ms for up to 60 s:
# a client that leaves must get it killed.
echo "$$" > "$QUERY_STRING.tmp" && mv "$QUERY_STRING.tmp" "$QUERY_STRING"
printf 'Content-Type: text/plain\n\n'
i=0
while [ $i -lt 1200 ]; do
  echo "tick $i"
  sleep 0.05
  i=$((i + 1))
done
