package dev.gatehouse.web.session;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sessions in a {@link SessionStore}; the cookie carries only the random id. */
final class StoreBackend implements SessionBackend {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBackend.class);

    private final SessionStore store;

    StoreBackend(SessionStore store) {
        this.store = store;
    }

    @Override
    public Session load(List<String> cookieValues, Instant now) throws Exception {
        for (String id : cookieValues) {
            if (!SessionIds.looksValid(id)) {
                LOG.debug("session cookie ignored: not an id we issue");
                continue;
            }
            SessionStore.Stored stored = store.load(id);
            if (stored != null && now.isBefore(stored.expires())) return new Session(id, stored.data(), false, stored.expires());
            LOG.debug("session cookie ignored: unknown or expired id");
        }
        return null;
    }

    @Override
    public String save(Session session, Instant expires) throws Exception {
        if (session.loadedId() != null && !session.loadedId().equals(session.id())) store.delete(session.loadedId());
        if (session.changed()) store.save(session.id(), session.asMap(), expires);
        else store.touch(session.id(), expires);
        return session.id();
    }

    @Override
    public void forget(Session session) throws Exception {
        if (session.loadedId() != null) store.delete(session.loadedId());
        if (!session.id().equals(session.loadedId())) store.delete(session.id());
    }
}
