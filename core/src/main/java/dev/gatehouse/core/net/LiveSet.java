package dev.gatehouse.core.net;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The live members of something that changes on every connection (open connections, registered
 * deadlines): joining and leaving are a few pointer writes under an uncontended lock, with no
 * hashing, where a concurrent set pays for a hash node, an identity hash and a shared counter each
 * time. Walking the members (a shutdown, a watchdog tick) takes a snapshot, so what it does with
 * them runs outside the lock.
 */
final class LiveSet<T> {
    /** A member's place in the set; {@link #remove} takes it back. */
    static final class Member<T> {
        private final T item;
        private Member<T> prev;
        private Member<T> next;
        private boolean linked;

        private Member(T item) {
            this.item = item;
        }
    }

    private final Object lock = new Object();
    private Member<T> head;
    private int size;

    Member<T> add(T item) {
        Member<T> m = new Member<>(item);
        synchronized (lock) {
            m.next = head;
            if (head != null) head.prev = m;
            head = m;
            m.linked = true;
            size++;
        }
        return m;
    }

    /** Removes a member; true if it was still in the set (false on a second removal). */
    boolean remove(Member<T> m) {
        synchronized (lock) {
            if (!m.linked) return false;
            if (m.prev != null) m.prev.next = m.next;
            else head = m.next;
            if (m.next != null) m.next.prev = m.prev;
            m.prev = null;
            m.next = null;
            m.linked = false;
            size--;
            return true;
        }
    }

    int size() {
        synchronized (lock) {
            return size;
        }
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The members at this moment. */
    List<T> snapshot() {
        return select(item -> true);
    }

    /** The members at this moment that {@code test} accepts; {@code test} runs under the lock, so it must be quick. */
    List<T> select(Predicate<? super T> test) {
        List<T> out = new ArrayList<>();
        synchronized (lock) {
            for (Member<T> m = head; m != null; m = m.next) {
                if (test.test(m.item)) out.add(m.item);
            }
        }
        return out;
    }
}
