#!/bin/sh
# Writes 1 MiB of standard error, in lines, before its answer: the log gets a bounded part, the
# script is never blocked on it.
echo "first line of stderr" >&2
head -c 1048576 /dev/zero | tr '\0' 'e' | fold -w 100 >&2
printf 'Content-Type: text/plain\n\nflooded\n'
