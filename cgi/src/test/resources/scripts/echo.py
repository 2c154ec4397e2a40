#!/usr/bin/python3
# Echoes the request body: reads CONTENT_LENGTH bytes of standard input, then writes them back.
import os
import sys

length = int(os.environ.get("CONTENT_LENGTH") or "0")
body = sys.stdin.buffer.read(length)
out = sys.stdout.buffer
out.write(b"Content-Type: " + os.environ.get("CONTENT_TYPE", "application/octet-stream").encode() + b"\r\n")
out.write(b"X-Content-Length: " + str(length).encode() + b"\r\n\r\n")
out.write(body)
