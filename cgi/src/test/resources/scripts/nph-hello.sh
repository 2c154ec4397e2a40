#!/bin/sh
# A non-parsed-header script (RFC 3875 section 5): the whole HTTP response, status line first.
printf 'HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nX-Nph: yes\r\n\r\n'
printf 'nph body\n'
