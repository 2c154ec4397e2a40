#!/bin/sh
# A local redirect (RFC 3875 6.2.2): the server answers what a GET for this path gets.
printf 'Location: /cgi-bin/env.sh/redirected?from=local\n\n'
