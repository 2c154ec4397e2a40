package dev.gatehouse.web.session;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole session in a signed cookie: nothing is kept on the server. */
final class SignedCookieBackend implements SessionBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SignedCookieBackend.class);

    private final SignedCookieCodec codec;

    SignedCookieBackend(byte[] key) {
        this.codec = new SignedCookieCodec(key);
    }

    @Override
    public Session load(List<String> cookieValues, Instant now) {
        for (String value : cookieValues) {
            try {
                SignedCookieCodec.Contents c = codec.decode(value, now);
                return new Session(c.id(), c.data(), false, c.expires());
            } catch (SignedCookieCodec.InvalidCookieException e) {
                LOG.debug("session cookie ignored: {}", e.getMessage());
            }
        }
        return null;
    }

    @Override
    public String save(Session session, Instant expires) {
        return codec.encode(session.id(), session.asMap(), expires);
    }

    @Override
    public void forget(Session session) {
        // nothing on the server: expiring the cookie is enough
    }
}
