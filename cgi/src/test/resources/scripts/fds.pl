#!/usr/bin/perl
# Lists the file descriptors the script holds ("FD TARGET" lines), leaving out the one this
# listing opens to read /proc itself.
my $dir = "/proc/$$/fd";
opendir(my $d, $dir) or die "no /proc: $!";
my @fds = sort { $a <=> $b } grep { /^\d+$/ } readdir($d);
my %target = map { $_ => (readlink("$dir/$_") // "?") } @fds;
closedir($d);
print "Content-Type: text/plain\n\n";
for my $fd (@fds) {
  next if $target{$fd} eq $dir;
  print "$fd $target{$fd}\n";
}
