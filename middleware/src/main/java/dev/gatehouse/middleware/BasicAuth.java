package dev.gatehouse.middleware;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Middleware;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication (RFC 7617) against an htpasswd file: nginx's {@code auth_basic} +
 * {@code auth_basic_user_file}, Apache's {@code AuthType Basic} + {@code AuthUserFile} +
 * {@code Require valid-user}.
 * <ul>
 *   <li>Formats checked: bcrypt ({@code $2y$}, {@code $2a$}, {@code $2b$}; htpasswd -B),
 *       MD5 crypt ({@code $apr1$}, htpasswd's default, and {@code $1$}) and {@code {SHA}}
 *       (htpasswd -s). Others (DES crypt, SHA-crypt, plain text) are refused when the file is
 *       read, with a log line naming the user. Hashes are compared in constant time.</li>
 *   <li>A request without valid credentials gets a stock {@code 401} with
 *       {@code WWW-Authenticate: Basic realm="..."} (an {@link ErrorPages} further out may give it
 *       a page); a wrong password or unknown user is logged at info, like Apache's
 *       "authentication failure" lines. An unknown user costs a bcrypt check as a known one does,
 *       so response times do not tell which users exist.</li>
 *   <li>The app sees {@code REMOTE_USER} (the user name's bytes as ISO-8859-1, like every environ
 *       string) and {@code AUTH_TYPE=Basic}; {@code HTTP_AUTHORIZATION} is removed unless
 *       {@link BasicAuthConfig#removeAuthorization()} is off.</li>
 *   <li>The file is re-read when it changes (modification time, size or inode); verified bcrypt
 *       passwords are remembered in a bounded cache ({@link BasicAuthConfig#cacheSize()}).</li>
 * </ul>
 */
public final class BasicAuth implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(BasicAuth.class);

    private final BasicAuthConfig config;
    private final HtpasswdFile file;
    private final VerifiedCache cache;
    private final List<Header> challenge;
    private volatile PasswordHash.Bcrypt decoy;

    /** Reads the htpasswd file now: a missing or unreadable file fails here, not at the first request. */
    public BasicAuth(BasicAuthConfig config) throws IOException {
        this.config = config;
        this.file = new HtpasswdFile(config.htpasswd(), config.maxBcryptCost());
        this.cache = new VerifiedCache(config.cacheSize());
        this.challenge = List.of(Header.of("WWW-Authenticate", "Basic realm=\"" + quoted(config.realm()) + "\""));
    }

    public BasicAuthConfig config() {
        return config;
    }

    VerifiedCache cache() {
        return cache;
    }

    @Override
    public Application wrap(Application next) {
        return (environ, startResponse) -> {
            String user = authenticate(environ);
            if (user == null) return StockResponse.answer(environ, startResponse, 401, challenge, null);
            environ.put("REMOTE_USER", user);
            environ.put("AUTH_TYPE", "Basic");
            if (config.removeAuthorization()) environ.remove("HTTP_AUTHORIZATION");
            return next.call(environ, startResponse);
        };
    }

    /** The authenticated user, or null. */
    String authenticate(Environ environ) {
        byte[] credentials = decode(environ.getString("HTTP_AUTHORIZATION"));
        if (credentials == null) return null;
        int colon = indexOf(credentials, (byte) ':');
        if (colon <= 0) return null;
        String user = new String(credentials, 0, colon, StandardCharsets.ISO_8859_1);
        if (!user.chars().allMatch(c -> c >= 0x20 && c != 0x7F)) return null;
        byte[] password = Arrays.copyOfRange(credentials, colon + 1, credentials.length);
        Arrays.fill(credentials, (byte) 0);
        try {
            Map<String, PasswordHash> users = file.users();
            PasswordHash hash = users.get(user);
            if (hash == null) {
                spendDecoyCheck(password);
                log.info("user '{}' of {} {}: not found in {}", LogText.printable(user), environ.requestMethod(),
                        ErrorPages.target(environ), file.path());
                return null;
            }
            if (!verify(user, hash, password)) {
                log.info("user '{}' of {} {}: password mismatch", LogText.printable(user), environ.requestMethod(),
                        ErrorPages.target(environ));
                return null;
            }
            return user;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private boolean verify(String user, PasswordHash hash, byte[] password) {
        if (!(hash instanceof PasswordHash.Bcrypt bcrypt)) return hash.matches(password);
        byte[] mac = cache.mac(user, password);
        if (cache.contains(user, bcrypt.hash(), mac)) return true;
        boolean ok = bcrypt.matches(password);
        if (ok) cache.put(user, bcrypt.hash(), mac);
        return ok;
    }

    /** A bcrypt check of the file's highest cost against a random hash: an unknown user costs what a known one does. */
    private void spendDecoyCheck(byte[] password) {
        int cost = file.highestBcryptCost();
        if (cost == 0) return;
        PasswordHash.Bcrypt d = decoy;
        if (d == null || d.cost() != cost) {
            char[] random = new char[24];
            SecureRandom rng = new SecureRandom();
            for (int i = 0; i < random.length; i++) random[i] = (char) ('a' + rng.nextInt(26));
            d = new PasswordHash.Bcrypt(BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(cost, random), cost);
            decoy = d;
        }
        d.matches(password);
    }

    /** The credential bytes of {@code Basic <base64>}, or null if the header is absent, another scheme, or malformed. */
    static byte[] decode(String authorization) {
        if (authorization == null || authorization.length() < 7) return null;
        if (!HeaderLists.lower(authorization.substring(0, 6)).equals("basic ")) return null;
        String token = HeaderLists.trimOws(authorization.substring(6));
        try {
            return Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) return i;
        }
        return -1;
    }

    /** The realm as a quoted-string's content: {@code "} and {@code \} escaped. */
    private static String quoted(String realm) {
        return realm.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
