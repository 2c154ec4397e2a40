#!/bin/sh
# A few variables and the working directory, from a shell.
echo "Content-Type: text/plain"
echo "X-Script-Name: $SCRIPT_NAME"
echo
echo "SCRIPT_NAME=$SCRIPT_NAME"
echo "PATH_INFO=$PATH_INFO"
echo "QUERY_STRING=$QUERY_STRING"
echo "REQUEST_METHOD=$REQUEST_METHOD"
echo "PWD=$(pwd)"
