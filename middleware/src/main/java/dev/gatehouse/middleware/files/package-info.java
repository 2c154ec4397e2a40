/**
 * Static files, the {@code files:DIR} mount: {@link dev.gatehouse.middleware.files.StaticFiles}
 * serves a directory as nginx's {@code root} does (zero-copy file bodies, byte ranges,
 * conditional requests, strong ETags, MIME types, index files, listings, precompressed siblings,
 * Cache-Control rules, traversal-safe path mapping), configured by
 * {@link dev.gatehouse.middleware.files.StaticFilesConfig};
 * {@link dev.gatehouse.middleware.files.SendfileMiddleware} gives any application nginx's
 * {@code X-Accel-Redirect} and Apache's {@code X-Sendfile}, configured by
 * {@link dev.gatehouse.middleware.files.SendfileConfig}. See {@code docs/static-files.md}.
 */
package dev.gatehouse.middleware.files;
