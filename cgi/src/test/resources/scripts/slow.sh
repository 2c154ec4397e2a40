#!/bin/sh
# Starts a grandchild, writes both pids to the file named by the query string, then sleeps far
# past any test timeout: the runner must kill the whole process group.
sleep 300 &
echo "$$ $!" > "$QUERY_STRING.tmp" && mv "$QUERY_STRING.tmp" "$QUERY_STRING"
sleep 300
echo "Content-Type: text/plain"
echo
echo "too late"
