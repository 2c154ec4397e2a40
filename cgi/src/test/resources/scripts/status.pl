#!/usr/bin/perl
# A Status field and a document.
print "Status: 418 I'm a teapot\r\nContent-Type: text/plain\r\nX-Extra: 1\r\n\r\nshort and stout\n";
