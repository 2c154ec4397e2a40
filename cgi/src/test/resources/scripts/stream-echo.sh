#!/bin/sh
# Echoes the request body while it reads it (head copies input to output as it goes): a script
# that writes before it has read everything, which deadlocks a runner that sends the whole body
# before reading any output.
printf 'Content-Type: application/octet-stream\n\n'
head -c "${CONTENT_LENGTH:-0}"
