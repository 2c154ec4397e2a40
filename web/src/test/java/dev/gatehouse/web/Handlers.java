package dev.gatehouse.web;

import java.util.concurrent.atomic.AtomicInteger;

/** Handler classes of the routing tests (handler classes must be public). */
public final class Handlers {
    private Handlers() {
    }

    public static class Index {
        public String GET() {
            return "index";
        }
    }

    public static class User {
        public String GET(String id) {
            return "user " + id;
        }

        public String POST(Request req, String id) {
            return "posted " + id + " name=" + req.param("name");
        }
    }

    public static class Pair {
        public String GET(String a, String b) {
            return a + "+" + b;
        }
    }

    /** Counts its instances: a new one per request unless registered as an instance. */
    public static class Counted {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        private final AtomicInteger calls = new AtomicInteger();

        public Counted() {
            INSTANCES.incrementAndGet();
        }

        public String GET() {
            return "calls=" + calls.incrementAndGet();
        }
    }

    /** Takes its request in the constructor, the other way of per-request state. */
    public static class WithRequest {
        private final Request request;

        public WithRequest(Request request) {
            this.request = request;
        }

        public String GET() {
            return "hello " + request.param("who", "nobody");
        }

        public void DELETE() {
        }
    }

    public static class WrongArity {
        public String GET(String a, String b) {
            return a + b;
        }
    }

    public static class Catchall {
        public String GET(String rest) {
            return "catchall " + rest;
        }
    }
}
