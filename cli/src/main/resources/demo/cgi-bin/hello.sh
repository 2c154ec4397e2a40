#!/bin/sh
# A CGI script: Gatehouse's cgi: mount starts it for each request, with the request in its
# environment (RFC 3875), and sends what it prints.
printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
echo "Hello from a CGI script: /bin/sh, started by Gatehouse's cgi: mount for this request."
echo
echo "REQUEST_METHOD=$REQUEST_METHOD"
echo "SCRIPT_NAME=$SCRIPT_NAME"
echo "PATH_INFO=$PATH_INFO"
echo "QUERY_STRING=$QUERY_STRING"
echo "REMOTE_ADDR=$REMOTE_ADDR"
echo "SERVER_SOFTWARE=$SERVER_SOFTWARE"
echo "process id $$"
