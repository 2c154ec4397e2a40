#!/usr/bin/perl
# env.pl for requests with a body: reads the whole body first, as a well-behaved script does.
# Apache's mod_cgid may drop the answer of a script that exits with its body unread (the
# socket to the cgid daemon is reset), so the comparisons with Apache post to this one.
binmode STDIN;
my $left = $ENV{CONTENT_LENGTH} || 0;
while ($left > 0) { my $n = read(STDIN, my $chunk, $left > 65536 ? 65536 : $left); last unless $n; $left -= $n; }
print "Content-Type: text/plain\n\n";
print "$_=$ENV{$_}\n" for sort keys %ENV;
