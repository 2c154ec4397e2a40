package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.forms.BoundForm;
import dev.gatehouse.web.forms.Field;
import dev.gatehouse.web.forms.Form;
import dev.gatehouse.web.forms.FormValues;
import dev.gatehouse.web.forms.Validator;

/**
 * The account request form and its rules, in three levels. Each field alone: required, lengths,
 * the login's shape, the email's shape. Across fields (once every field is valid): the sponsor is
 * not the requester, and without a sponsor the reason must say more. Against the database: the
 * login and the email are not taken by a pending or approved request, and the sponsor is an
 * approved account.
 */
final class RequestForm {
    static final String LOGIN_PATTERN = "[a-z][a-z0-9_]{2,15}";
    static final String LOGIN_RULE = "Not a valid login: 3 to 16 characters, a lower-case letter first, then lower-case letters, digits or '_'";
    static final String LOGIN_HELP = "Lower-case letters, digits and '_'; what you will log in with";
    static final int REASON_MIN = 10;
    /** Without a sponsor, someone who does not know the requester must judge from the reason alone. */
    static final int REASON_MIN_UNSPONSORED = 40;
    static final String SELF_SPONSOR = "You cannot sponsor yourself";
    static final String UNKNOWN_SPONSOR = "No approved account has this login";
    static final String SHORT_REASON = "Without a sponsor, tell us more: at least " + REASON_MIN_UNSPONSORED + " characters";
    static final String LOGIN_TAKEN = "This login is already requested or in use";
    static final String EMAIL_TAKEN = "An account with this email is already requested or exists";

    /** Spaces alone are not an answer (required only refuses the empty string). */
    private static final Validator NOT_BLANK = Validator.custom(v -> !v.isBlank(), "Required");

    private final Form form;

    RequestForm(AccountRequests requests) {
        this.form = Form.builder()
                .fields(Field.text("name").label("Full name").required().validate(NOT_BLANK, Validator.length(2, 100)).attr("autocomplete", "name"),
                        Field.text("login").label("Login").required()
                                .validate(Validator.regex(LOGIN_PATTERN, LOGIN_RULE)).description(LOGIN_HELP),
                        Field.email("email").label("Email").required().validate(Validator.length(3, 254)).attr("autocomplete", "email"),
                        Field.textarea("reason").label("Why you need an account").required()
                                .validate(NOT_BLANK, Validator.length(REASON_MIN, 2000)).attr("rows", "4"),
                        Field.text("sponsor").label("Sponsor (optional)").validate(Validator.regex(LOGIN_PATTERN, LOGIN_RULE))
                                .description("The login of someone with an account who vouches for you"))
                .check("sponsor", v -> !v.value("sponsor").equals(v.value("login")), SELF_SPONSOR)
                .check("reason", v -> !v.value("sponsor").isEmpty() || codePoints(v.value("reason")) >= REASON_MIN_UNSPONSORED, SHORT_REASON)
                .check("login", v -> !requests.loginTaken(v.value("login")), LOGIN_TAKEN)
                .check("email", v -> !requests.emailTaken(v.value("email")), EMAIL_TAKEN)
                .check("sponsor", v -> v.value("sponsor").isEmpty() || requests.isApprovedAccount(v.value("sponsor")), UNKNOWN_SPONSOR)
                .build();
    }

    Form form() {
        return form;
    }

    /** The request a form that validated describes. */
    static NewAccountRequest toRequest(FormValues v) {
        String sponsor = v.value("sponsor");
        return new NewAccountRequest(v.value("name").strip(), v.value("login"), v.value("email"), v.value("reason").strip(),
                sponsor.isEmpty() ? null : sponsor);
    }

    /** Marks the field the database refused: the form's check passed, but a concurrent request won. */
    static void markTaken(BoundForm bound, AccountRequests requests, NewAccountRequest r) {
        if (requests.loginTaken(r.login())) bound.addError("login", LOGIN_TAKEN);
        else if (requests.emailTaken(r.email())) bound.addError("email", EMAIL_TAKEN);
        else bound.addError(null, "This request could not be stored; please try again.");
    }

    private static int codePoints(String s) {
        String t = s.strip();
        return t.codePointCount(0, t.length());
    }
}
