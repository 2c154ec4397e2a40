/**
 * Supervised backends: a mount that starts its own backend processes (php-cgi, another
 * Gatehouse, any FastCGI program; SCGI, uwsgi and HTTP ones through {@link
 * dev.gatehouse.supervise.BackendProtocol#of}), health-checks them before they get traffic,
 * restarts them with backoff when they die, recycles them after a number of requests or an age,
 * and stops their whole process groups on shutdown. {@link dev.gatehouse.supervise.BackendPool}
 * is the mount; {@link dev.gatehouse.supervise.Supervisor} keeps the processes;
 * {@link dev.gatehouse.supervise.SpawnTarget} reads the command line's
 * {@code fastcgi+spawn:COMMAND?OPTIONS}. See docs/supervise.md.
 */
package dev.gatehouse.supervise;
