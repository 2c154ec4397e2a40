#!/usr/bin/perl
# The whole environment, one NAME=VALUE a line, sorted by name: the fixture for comparing
# Gatehouse's cgi: mount with Apache's mod_cgi, variable by variable.
print "Content-Type: text/plain\n\n";
print "$_=$ENV{$_}\n" for sort keys %ENV;
