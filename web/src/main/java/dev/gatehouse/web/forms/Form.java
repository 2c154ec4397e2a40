package dev.gatehouse.web.forms;

import dev.gatehouse.api.Environ;
import dev.gatehouse.web.FormInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A form definition: its fields, its form-level checks and whether it is protected against
 * CSRF. Immutable once built, so one instance (a {@code static final}) serves every request;
 * each request works on its own {@link BoundForm}:
 *
 * <pre>{@code
 * static final Form SIGNUP = new Form(
 *         Field.text("login").label("Login").required(),
 *         Field.password("password").label("Password").required().validate(Validator.length(10, 200)));
 *
 * BoundForm form = SIGNUP.bind(request);
 * if (request.method().equals("POST") && form.validates()) { ... form.value("login") ... }
 * return page(form.render());
 * }</pre>
 *
 * POST forms (the default) carry the session's CSRF token in a hidden field and reject a
 * submission without it; they need the {@link dev.gatehouse.web.session.Sessions} middleware.
 * {@link Builder#withoutCsrf()} opts out, explicitly.
 */
public final class Form {
    private final List<Field<?>> fields;
    private final Map<String, Field<?>> byName;
    private final List<FormCheck> checks;
    private final boolean post;
    private final boolean csrf;
    private final String idPrefix;

    /** A POST form with CSRF protection, the ids of its controls being the field names. */
    public Form(Field<?>... fields) {
        this(builder().fields(fields));
    }

    private Form(Builder b) {
        Map<String, Field<?>> names = new LinkedHashMap<>();
        for (Field<?> f : b.fields) {
            if (names.put(f.name(), f) != null) throw new IllegalArgumentException("two fields are named " + f.name());
            f.freeze();
        }
        for (FormCheck c : b.checks) {
            if (c.field() != null && !names.containsKey(c.field())) {
                throw new IllegalArgumentException("form check names an unknown field: " + c.field());
            }
        }
        this.fields = List.copyOf(b.fields);
        this.byName = Collections.unmodifiableMap(names);
        this.checks = List.copyOf(b.checks);
        this.post = b.post;
        this.csrf = b.post && b.csrf;
        this.idPrefix = b.idPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh per-request copy, tied to the request (its values, its session). */
    public BoundForm bind(FormInput input) {
        return new BoundForm(this, input.environ(), input);
    }

    /** A fresh copy for display only (a form shown on a GET): it can render but not validate. */
    public BoundForm bind(Environ environ) {
        return new BoundForm(this, environ, null);
    }

    public List<Field<?>> fields() {
        return fields;
    }

    /** The field named {@code name}; throws naming the field when there is none. */
    public Field<?> field(String name) {
        Field<?> f = byName.get(name);
        if (f == null) throw new IllegalArgumentException("the form has no field named " + name);
        return f;
    }

    List<FormCheck> checks() {
        return checks;
    }

    public boolean isPost() {
        return post;
    }

    /** True for POST forms that have not opted out of CSRF protection. */
    public boolean csrfProtected() {
        return csrf;
    }

    String idPrefix() {
        return idPrefix;
    }

    /** True when a file field needs {@code enctype="multipart/form-data"}. */
    public boolean hasFileField() {
        for (Field<?> f : fields) {
            if (f instanceof FileField) return true;
        }
        return false;
    }

    /** Builds a {@link Form}: fields, form-level checks, method, CSRF, id prefix. */
    public static final class Builder {
        private final List<Field<?>> fields = new ArrayList<>();
        private final List<FormCheck> checks = new ArrayList<>();
        private boolean post = true;
        private boolean csrf = true;
        private String idPrefix = "";

        private Builder() {
        }

        public Builder fields(Field<?>... more) {
            fields.addAll(List.of(more));
            return this;
        }

        public Builder field(Field<?> field) {
            fields.add(field);
            return this;
        }

        /** A form-level check whose message shows above the form. */
        public Builder check(Predicate<FormValues> test, String message) {
            checks.add(new FormCheck(null, test, message));
            return this;
        }

        /** A form-level check whose message shows beside {@code field}. */
        public Builder check(String field, Predicate<FormValues> test, String message) {
            checks.add(new FormCheck(field, test, message));
            return this;
        }

        /** A form sent with GET (a search form): no CSRF token, values read from the query. */
        public Builder get() {
            post = false;
            return this;
        }

        /** A POST form without the CSRF token: only for forms that are safe to forge. */
        public Builder withoutCsrf() {
            csrf = false;
            return this;
        }

        /** Prefixes every id, for pages with two forms (their fields may share names). */
        public Builder idPrefix(String prefix) {
            if (!prefix.matches("[A-Za-z0-9_-]{0,32}")) throw new IllegalArgumentException("id prefix: letters, digits, '_', '-': " + prefix);
            idPrefix = prefix;
            return this;
        }

        public Form build() {
            return new Form(this);
        }
    }
}
