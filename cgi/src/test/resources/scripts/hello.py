#!/usr/bin/python3
import os
import sys

sys.stdout.write("Content-Type: text/plain; charset=utf-8\r\nStatus: 200 OK\r\n\r\n")
sys.stdout.write("hello from python, %s %s\n" % (os.environ["REQUEST_METHOD"], os.environ.get("PATH_INFO", "")))
