/**
 * Declarative HTML forms in the manner of web.py's {@code web.form}: a shared, immutable
 * {@link dev.gatehouse.web.forms.Form} of {@link dev.gatehouse.web.forms.Field}s and
 * {@link dev.gatehouse.web.forms.Validator}s, bound per request to a
 * {@link dev.gatehouse.web.forms.BoundForm} that validates the submitted values, holds the errors
 * and renders escaped HTML for redisplay, with a CSRF token on POST forms.
 */
package dev.gatehouse.web.forms;
