package dev.gatehouse.web.session;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Middleware;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The session middleware: loads the request's session from its cookie (or starts a new, empty
 * one), puts it in the environ under {@link Session#ENVIRON_KEY}, and saves it when the app
 * starts its response, adding a {@code Set-Cookie} header only when the session changed, is
 * due for renewal, or was invalidated. Thread-safe; one instance serves every request.
 *
 * <pre>{@code
 * Application app = Sessions.signedCookies(key).wrap(myApp);
 * Application app = Sessions.stored(new JdbcSessionStore(dataSource)).wrap(myApp);
 * }</pre>
 */
public final class Sessions implements Middleware {
    private final SessionBackend backend;
    private final SessionConfig config;
    private final SessionCookie cookie;

    private Sessions(SessionBackend backend, SessionConfig config) {
        this.backend = backend;
        this.config = config;
        this.cookie = new SessionCookie(config);
    }

    /** Sessions kept whole in a cookie signed with HMAC-SHA256 under {@code key} (32 bytes or more). */
    public static Sessions signedCookies(byte[] key) {
        return signedCookies(key, SessionConfig.defaults());
    }

    public static Sessions signedCookies(byte[] key, SessionConfig config) {
        return new Sessions(new SignedCookieBackend(key), config);
    }

    /** Sessions kept in {@code store}; the cookie holds a random 256-bit id. */
    public static Sessions stored(SessionStore store) {
        return stored(store, SessionConfig.defaults());
    }

    public static Sessions stored(SessionStore store, SessionConfig config) {
        return new Sessions(new StoreBackend(store), config);
    }

    @Override
    public Application wrap(Application next) {
        return (environ, startResponse) -> {
            Instant now = config.clock().instant();
            Session session = backend.load(cookie.values(environ), now);
            if (session == null) session = new Session(SessionIds.newId(), java.util.Map.of(), true, null);
            environ.put(Session.ENVIRON_KEY, session);
            return next.call(environ, new SavingStartResponse(environ, session, startResponse, now));
        };
    }

    /** Saves the session when the head is started, so its cookie goes out with the head. */
    private final class SavingStartResponse implements StartResponse {
        private final Environ environ;
        private final Session session;
        private final StartResponse delegate;
        private final Instant now;
        private Header setCookie;
        private boolean saved;

        SavingStartResponse(Environ environ, Session session, StartResponse delegate, Instant now) {
            this.environ = environ;
            this.session = session;
            this.delegate = delegate;
            this.now = now;
        }

        @Override
        public Write start(Status status, List<Header> headers, Throwable excInfo) {
            if (!saved) {
                saved = true;
                session.commit();
                setCookie = save();
            }
            if (setCookie == null) return delegate.start(status, headers, excInfo);
            List<Header> all = new ArrayList<>(headers.size() + 1);
            all.addAll(headers);
            all.add(setCookie);
            return delegate.start(status, all, excInfo);
        }

        private Header save() {
            try {
                if (session.invalidated()) {
                    if (session.isNew()) return null;
                    backend.forget(session);
                    return Header.of("Set-Cookie", cookie.expire(environ));
                }
                boolean renew = session.expires() != null
                        && session.expires().minus(config.maxAge().dividedBy(2)).isBefore(now);
                boolean write = session.changed() ? !(session.isNew() && session.isEmpty()) : renew;
                if (!write) return null;
                String value = backend.save(session, now.plus(config.maxAge()));
                return Header.of("Set-Cookie", cookie.set(environ, value));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not save the session: " + e.getMessage(), e);
            }
        }
    }
}
