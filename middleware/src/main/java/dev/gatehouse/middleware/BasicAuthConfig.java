package dev.gatehouse.middleware;

import java.nio.file.Path;

/**
 * The options of {@link BasicAuth}, each with its default.
 *
 * @param htpasswd the password file, as Apache's {@code htpasswd} writes it (nginx
 *                 {@code auth_basic_user_file}, Apache {@code AuthUserFile}); required
 * @param realm the protection space named in the challenge (nginx {@code auth_basic "..."},
 *              Apache {@code AuthName}); default {@code "Restricted"}
 * @param removeAuthorization remove {@code HTTP_AUTHORIZATION} from the environ the app sees, so
 *                            the password goes no further (nginx does not pass it to FastCGI
 *                            unless told; CGI/1.1 hides it); default true
 * @param cacheSize how many verified bcrypt passwords to remember (bcrypt costs tens of
 *                  milliseconds by design; the cache keeps a keyed hash of the password, never
 *                  the password), least recently used first out; 0 turns it off; default 1024
 * @param maxBcryptCost bcrypt entries of a higher cost are refused at load (one request must not
 *                      take minutes of CPU); htpasswd allows 4..17; default 17
 */
public record BasicAuthConfig(Path htpasswd, String realm, boolean removeAuthorization, int cacheSize, int maxBcryptCost) {

    public BasicAuthConfig {
        if (htpasswd == null) throw new IllegalArgumentException("BasicAuth needs an htpasswd file");
        if (realm == null || realm.isEmpty()) throw new IllegalArgumentException("the realm must not be empty");
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < 0x20 || c == 0x7F || c > 0xFF) throw new IllegalArgumentException("the realm must be printable Latin-1 text");
        }
        if (cacheSize < 0) throw new IllegalArgumentException("cacheSize must not be negative: " + cacheSize);
        if (maxBcryptCost < 4 || maxBcryptCost > 31) throw new IllegalArgumentException("maxBcryptCost must be 4..31: " + maxBcryptCost);
    }

    /** The defaults for {@code htpasswd}. */
    public static BasicAuthConfig of(Path htpasswd) {
        return new BasicAuthConfig(htpasswd, "Restricted", true, 1024, 17);
    }

    public BasicAuthConfig withRealm(String v) {
        return new BasicAuthConfig(htpasswd, v, removeAuthorization, cacheSize, maxBcryptCost);
    }

    public BasicAuthConfig withRemoveAuthorization(boolean v) {
        return new BasicAuthConfig(htpasswd, realm, v, cacheSize, maxBcryptCost);
    }

    public BasicAuthConfig withCacheSize(int v) {
        return new BasicAuthConfig(htpasswd, realm, removeAuthorization, v, maxBcryptCost);
    }

    public BasicAuthConfig withMaxBcryptCost(int v) {
        return new BasicAuthConfig(htpasswd, realm, removeAuthorization, cacheSize, v);
    }
}
