#!/bin/sh
# An nph- script that writes a CGI head instead of a status line: 502.
printf 'Content-Type: text/plain\n\nnot a whole HTTP response\n'
