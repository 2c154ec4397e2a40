#!/bin/sh
# Installed without the execute bit: refused with 403.
printf 'Content-Type: text/plain\n\nshould never run\n'
