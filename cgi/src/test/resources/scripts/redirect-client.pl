#!/usr/bin/perl
# A client redirect (RFC 3875 6.2.3): answered 302 with this Location.
print "Location: http://example.com/elsewhere?x=1\n\n";
