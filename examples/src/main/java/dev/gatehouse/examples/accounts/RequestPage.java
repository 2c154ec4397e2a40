package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Request;
import dev.gatehouse.web.SeeOther;
import dev.gatehouse.web.data.DataException;
import dev.gatehouse.web.forms.BoundForm;
import dev.gatehouse.web.session.Session;
import dev.gatehouse.web.templates.Templates;
import java.util.Map;

/** {@code /request}: the form; a valid submission is stored and redirected (303) to the thank-you page. */
public final class RequestPage {
    private final RequestForm form;
    private final AccountRequests requests;
    private final Pages pages;

    RequestPage(RequestForm form, AccountRequests requests, Pages pages) {
        this.form = form;
        this.requests = requests;
        this.pages = pages;
    }

    public Object GET(Request request) {
        return show(request, form.form().bind(request));
    }

    public Object POST(Request request) {
        BoundForm bound = form.form().bind(request);
        if (!bound.validates()) return show(request, bound);
        NewAccountRequest r = RequestForm.toRequest(bound);
        try {
            requests.add(r);
        } catch (DataException e) {
            if (!e.isConstraintViolation()) throw e;
            RequestForm.markTaken(bound, requests, r);
            return show(request, bound);
        }
        Session.of(request.environ()).flash("Thank you, " + r.name() + ": your request for the login " + r.login()
                + " is waiting for approval.");
        throw new SeeOther("/thanks");
    }

    private Object show(Request request, BoundForm bound) {
        return pages.render(request, "request.peb", "Request an account",
                Map.of("form", Templates.safe(bound.renderForm(request.url("/request"), "Send the request"))));
    }
}
