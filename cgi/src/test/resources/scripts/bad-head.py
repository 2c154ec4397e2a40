#!/usr/bin/python3
# A head that is not one.
print("this is not a header field")
print()
print("body")
