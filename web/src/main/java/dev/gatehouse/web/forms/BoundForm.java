package dev.gatehouse.web.forms;

import dev.gatehouse.api.Environ;
import dev.gatehouse.web.FormInput;
import dev.gatehouse.web.Upload;
import dev.gatehouse.web.session.CsrfToken;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Form} for one request: the submitted (or preloaded) values, the errors, and the HTML
 * that shows them. Made by {@link Form#bind(FormInput)}; belongs to one request (not thread-safe).
 */
public final class BoundForm implements FormValues {
    /** The form-level error of a POST form submitted without the session's CSRF token. */
    public static final String CSRF_ERROR = "This form has expired or was sent from another site; please submit it again.";
    /** The form-level error of a POST form submitted with another method (e.g. values in a GET link). */
    public static final String METHOD_ERROR = "This form must be submitted with POST.";

    private final Form form;
    private final Environ environ;
    private final FormInput input;
    private final Map<String, FieldState> states = new LinkedHashMap<>();
    private final List<String> formErrors = new ArrayList<>();

    BoundForm(Form form, Environ environ, FormInput input) {
        this.form = form;
        this.environ = environ;
        this.input = input;
        for (Field<?> f : form.fields()) states.put(f.name(), new FieldState());
    }

    public Form form() {
        return form;
    }

    /**
     * Reads the submitted values, checks the method and the CSRF token (POST forms), each field,
     * then (when every field is valid) the form-level checks. Returns true when all pass; the
     * errors are then available by field ({@link #error(String)}) and for the form ({@link #formErrors()}).
     */
    public boolean validates() {
        if (input == null) throw new IllegalStateException("this form was bound for display only: bind it to the request's FormInput to validate");
        formErrors.clear();
        for (Field<?> f : form.fields()) {
            FieldState s = states.get(f.name());
            s.error = null;
            if (f instanceof FileField) s.upload = input.upload(f.name());
            else s.values = f.read(input);
        }
        if (form.isPost() && !"POST".equals(input.method())) {
            formErrors.add(METHOD_ERROR);
            return false;
        }
        if (form.csrfProtected() && !CsrfToken.matches(environ, submittedToken())) {
            formErrors.add(CSRF_ERROR);
            return false;
        }
        boolean valid = true;
        for (Field<?> f : form.fields()) {
            FieldState s = states.get(f.name());
            s.error = f instanceof FileField file ? file.checkUpload(s.upload) : f.check(s.values);
            valid &= s.error == null;
        }
        if (!valid) return false;
        for (FormCheck check : form.checks()) {
            if (!check.test().test(this)) {
                addError(check.field(), check.message());
                valid = false;
            }
        }
        return valid;
    }

    private String submittedToken() {
        List<String> fromForm = input.values(CsrfToken.FIELD);
        return fromForm.isEmpty() ? environ.header(CsrfToken.HEADER) : fromForm.getFirst();
    }

    /** Preloads a value (an edit form showing a stored record). Passwords are never rendered anyway. */
    public BoundForm fill(String name, String value) {
        form.field(name);
        states.get(name).values = value == null ? List.of() : List.of(value);
        return this;
    }

    public BoundForm fill(Map<String, String> values) {
        values.forEach(this::fill);
        return this;
    }

    /**
     * Adds an error found after validation (a unique key the database refused, say); a null
     * field puts it above the form. A field keeps its first error.
     */
    public BoundForm addError(String field, String message) {
        if (field == null) {
            formErrors.add(message);
        } else {
            FieldState s = states.get(form.field(field).name());
            if (s.error == null) s.error = message;
        }
        return this;
    }

    @Override
    public String value(String name) {
        return state(name).first();
    }

    @Override
    public List<String> values(String name) {
        return state(name).values;
    }

    @Override
    public Upload upload(String name) {
        return state(name).upload;
    }

    /** The field's error message, or null. */
    public String error(String name) {
        return state(name).error;
    }

    /** Every field error, by field name, in form order. */
    public Map<String, String> errors() {
        Map<String, String> all = new LinkedHashMap<>();
        states.forEach((name, s) -> {
            if (s.error != null) all.put(name, s.error);
        });
        return all;
    }

    /** The errors of the whole form (CSRF, method, form-level checks without a field). */
    public List<String> formErrors() {
        return Collections.unmodifiableList(formErrors);
    }

    public boolean hasErrors() {
        return !formErrors.isEmpty() || !errors().isEmpty();
    }

    /** The form as a table (label | control, error, description), like web.py's {@code render()}. */
    public String render() {
        return FormHtml.table(this);
    }

    /** The form as one {@code <div class="field">} per field, like web.py's {@code render_css()}. */
    public String renderDivs() {
        return FormHtml.divs(this);
    }

    /** A complete {@code <form>} element: method, action, enctype, the table and a submit button. */
    public String renderForm(String action, String submitLabel) {
        return FormHtml.formElement(this, action, submitLabel);
    }

    /** The control of one field alone (for templates), with its id, value and ARIA state. */
    public String renderField(String name) {
        return FormHtml.control(this, form.field(name));
    }

    /** The label of one field ({@code <label for>}), or "" for a hidden field. */
    public String renderLabel(String name) {
        return FormHtml.label(this, form.field(name));
    }

    /** The error of one field as {@code <strong class="wrong">}, or "". */
    public String renderError(String name) {
        return FormHtml.error(this, form.field(name));
    }

    /** The hidden CSRF input of a protected form, or "" (creates the session's token if needed). */
    public String csrfField() {
        if (!form.csrfProtected()) return "";
        return "<input type=\"hidden\" name=\"" + CsrfToken.FIELD + "\" value=\"" + Html.escape(CsrfToken.of(environ)) + "\">";
    }

    FieldState state(String name) {
        return states.get(form.field(name).name());
    }
}
