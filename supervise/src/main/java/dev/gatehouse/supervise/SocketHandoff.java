package dev.gatehouse.supervise;

/**
 * How a supervised process learns where to listen; chosen by the placeholder its command holds
 * ({@link BackendCommand#handoff()}).
 */
public enum SocketHandoff {
    /**
     * No placeholder: the process gets a listening Unix socket as its standard input, the FastCGI
     * convention (FCGI_LISTENSOCK_FILENO) that Apache mod_fcgid, lighttpd and spawn-fcgi follow.
     * {@code php-cgi} and Gatehouse's {@code --fastcgi fd:0} take it.
     */
    STDIN,
    /** {@code {socket}}: the path of a Unix socket the process binds itself ({@code php-cgi -b {socket}}). */
    UNIX_PATH,
    /** {@code {port}}: a free TCP port on 127.0.0.1 the process binds itself. */
    TCP_PORT
}
