#!/usr/bin/perl
# Starts a head and exits before ending it.
print "Content-Type: text/plain\n";
exit 3;
