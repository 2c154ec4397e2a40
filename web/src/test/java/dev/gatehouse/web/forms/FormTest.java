package dev.gatehouse.web.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Fields, validators, binding and rendering, without CSRF (see FormsLiveTest for the request side). */
class FormTest {
    private static Form form(Field<?>... fields) {
        return Form.builder().fields(fields).withoutCsrf().build();
    }

    private static BoundForm submit(Form form, String... pairs) {
        BoundForm bound = form.bind(TestInput.post(pairs));
        bound.validates();
        return bound;
    }

    // ---- each field type renders and binds

    @Test
    void textFieldRendersInATableRowWithItsLabel() {
        Form f = form(Field.text("name").label("Your name").attr("placeholder", "Ada"));
        assertThat(f.bind(TestInput.post()).render()).isEqualTo("<table class=\"form\">\n"
                + "<tr><th><label for=\"name\">Your name</label></th><td>"
                + "<input type=\"text\" id=\"name\" name=\"name\" placeholder=\"Ada\" value=\"\"></td></tr>\n</table>\n");
        BoundForm b = submit(f, "name", "Ada");
        assertThat(b.value("name")).isEqualTo("Ada");
        assertThat(b.render()).contains("value=\"Ada\"");
    }

    @Test
    void inputTypesRenderTheirType() {
        Form f = form(Field.email("e"), Field.number("n"), Field.date("d"), Field.password("p"), Field.hidden("h"));
        String html = f.bind(TestInput.post()).render();
        assertThat(html).contains("<input type=\"email\" id=\"e\" name=\"e\" value=\"\">", "<input type=\"number\" id=\"n\"",
                "<input type=\"date\" id=\"d\"", "<input type=\"password\" id=\"p\" name=\"p\">");
        // hidden fields go before the table, without a label
        assertThat(html).startsWith("<input type=\"hidden\" id=\"h\" name=\"h\" value=\"\">\n<table");
    }

    @Test
    void textareaRendersItsTextEscaped() {
        BoundForm b = submit(form(Field.textarea("bio").attr("rows", "4")), "bio", "\nline <b>1</b>");
        assertThat(b.value("bio")).isEqualTo("\nline <b>1</b>");
        assertThat(b.render()).contains("<textarea id=\"bio\" name=\"bio\" rows=\"4\">\n\nline &lt;b&gt;1&lt;/b&gt;</textarea>");
    }

    @Test
    void selectRendersOptionsAndMarksTheChosenOne() {
        Form f = form(Field.select("color", Option.of("", "Pick one"), Option.of("r", "Red"), Option.of("g", "Green")));
        BoundForm b = submit(f, "color", "g");
        assertThat(b.value("color")).isEqualTo("g");
        assertThat(b.render()).contains("<select id=\"color\" name=\"color\"><option value=\"\">Pick one</option>"
                + "<option value=\"r\">Red</option><option value=\"g\" selected>Green</option></select>");
    }

    @Test
    void radioButtonsFormALabelledGroup() {
        Form f = form(Field.radio("size", Option.of("s", "Small"), Option.of("l", "Large")).label("Size"));
        String html = submit(f, "size", "l").render();
        assertThat(html).contains("<th><span id=\"size-label\">Size</span></th>",
                "<span role=\"group\" id=\"size\" aria-labelledby=\"size-label\">",
                "<input type=\"radio\" id=\"size-0\" name=\"size\" value=\"s\"> <label for=\"size-0\">Small</label>",
                "<input type=\"radio\" id=\"size-1\" name=\"size\" value=\"l\" checked> <label for=\"size-1\">Large</label>");
    }

    @Test
    void checkboxIsCheckedOrNot() {
        Form f = form(Field.checkbox("terms").label("I agree"));
        BoundForm on = submit(f, "terms", "on");
        assertThat(on.checked("terms")).isTrue();
        assertThat(on.render()).contains("<input type=\"checkbox\" id=\"terms\" name=\"terms\" value=\"on\" checked>");
        BoundForm off = submit(f);
        assertThat(off.checked("terms")).isFalse();
        assertThat(off.render()).contains("value=\"on\">").doesNotContain("checked");
    }

    @Test
    void checkboxGroupBindsEveryCheckedValue() {
        Form f = form(Field.checkboxes("tags", Option.of("a"), Option.of("b"), Option.of("c")));
        BoundForm b = submit(f, "tags", "a", "tags", "c");
        assertThat(b.validates()).isTrue();
        assertThat(b.values("tags")).containsExactly("a", "c");
        assertThat(b.render()).contains("value=\"a\" checked>", "value=\"b\">", "value=\"c\" checked>");
    }

    @Test
    void fileFieldReadsTheUploadAndNeverRendersAValue() throws Exception {
        Form f = form(Field.file("photo").accept("image/png").maxBytes(10).required());
        TestInput in = TestInput.post().upload("photo", "me.png", "image/png", "PNGDATA".getBytes(StandardCharsets.US_ASCII));
        BoundForm b = f.bind(in);
        assertThat(b.validates()).isTrue();
        try (InputStream content = b.upload("photo").open()) {
            assertThat(content.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("PNGDATA");
        }
        assertThat(b.render()).contains("<input type=\"file\" id=\"photo\" name=\"photo\" accept=\"image/png\">");
        assertThat(f.hasFileField()).isTrue();
        assertThat(b.renderForm("/up", "Send")).startsWith("<form method=\"post\" action=\"/up\" enctype=\"multipart/form-data\">");
    }

    @Test
    void fileFieldChecksPresenceSizeAndType() {
        Form f = form(Field.file("photo").accept("image/png").maxBytes(4).required());
        assertThat(submit(f).error("photo")).isEqualTo("Required");
        BoundForm big = f.bind(TestInput.post().upload("photo", "a.png", "image/png", new byte[5]));
        assertThat(big.validates()).isFalse();
        assertThat(big.error("photo")).isEqualTo("File too large (at most 4 bytes)");
        BoundForm type = f.bind(TestInput.post().upload("photo", "a.gif", "image/gif", new byte[1]));
        assertThat(type.validates()).isFalse();
        assertThat(type.error("photo")).isEqualTo("File type not accepted (image/png)");
    }

    // ---- validators, each valid and invalid, with its message

    @Test
    void required() {
        Form f = form(Field.text("a").required(), Field.text("b").required("Tell us b"));
        BoundForm b = submit(f, "a", "");
        assertThat(b.errors()).containsEntry("a", "Required").containsEntry("b", "Tell us b");
        assertThat(submit(f, "a", "x", "b", "y").hasErrors()).isFalse();
    }

    @Test
    void optionalEmptyFieldSkipsItsValidators() {
        assertThat(submit(form(Field.text("a").validate(Validator.length(3, 5))), "a", "").hasErrors()).isFalse();
    }

    @Test
    void length() {
        Form f = form(Field.text("a").validate(Validator.length(2, 4)));
        assertThat(submit(f, "a", "x").error("a")).isEqualTo("Between 2 and 4 characters");
        assertThat(submit(f, "a", "xxxxx").error("a")).isEqualTo("Between 2 and 4 characters");
        assertThat(submit(f, "a", "\uD83D\uDE00\uD83D\uDE00").error("a")).isNull(); // two code points, four chars
    }

    @Test
    void regex() {
        Form f = form(Field.text("login").validate(Validator.regex("[a-z][a-z0-9]{2,15}", "3-16 lower-case letters or digits")));
        assertThat(submit(f, "login", "ada1").error("login")).isNull();
        assertThat(submit(f, "login", "Ada").error("login")).isEqualTo("3-16 lower-case letters or digits");
    }

    @Test
    void numberRange() {
        Form f = form(Field.number("age").validate(Validator.range(18, 120)));
        BoundForm ok = submit(f, "age", "42");
        assertThat(ok.error("age")).isNull();
        assertThat(ok.intValue("age")).isEqualTo(42);
        assertThat(submit(f, "age", "17").error("age")).isEqualTo("Must be between 18 and 120");
        assertThat(submit(f, "age", "abc").error("age")).isEqualTo("Must be a number");
        assertThat(submit(f, "age", "+5").error("age")).isEqualTo("Must be a number");
        assertThat(submit(f, "age", "\u0664\u0662").error("age")).isEqualTo("Must be a number"); // Arabic-Indic digits
        assertThat(submit(form(Field.number("x")), "x", "2.50").decimalValue("x")).isEqualTo(new BigDecimal("2.50"));
    }

    @Test
    void dateRange() {
        Form f = form(Field.date("d").validate(Validator.range(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))));
        BoundForm ok = submit(f, "d", "2026-06-30");
        assertThat(ok.error("d")).isNull();
        assertThat(ok.dateValue("d")).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(submit(f, "d", "2027-01-01").error("d")).isEqualTo("Must be between 2026-01-01 and 2026-12-31");
        assertThat(submit(f, "d", "2026-02-30").error("d")).isEqualTo("Must be a date (YYYY-MM-DD)");
    }

    @Test
    void email() {
        Form f = form(Field.email("e"), Field.text("t").validate(Validator.email().message("Work address, please")));
        BoundForm ok = submit(f, "e", "ada@example.org", "t", "a.b@mail.example.org");
        assertThat(ok.hasErrors()).isFalse();
        BoundForm bad = submit(f, "e", "ada@localhost", "t", "no at sign");
        assertThat(bad.errors()).containsEntry("e", "Not a valid email address").containsEntry("t", "Work address, please");
    }

    @Test
    void custom() {
        Form f = form(Field.text("nick").validate(Validator.custom(v -> !v.contains(" "), "No spaces")));
        assertThat(submit(f, "nick", "ada").error("nick")).isNull();
        assertThat(submit(f, "nick", "a da").error("nick")).isEqualTo("No spaces");
    }

    @Test
    void overlongValueIsRejectedBeforeAnyValidator() {
        Form f = form(Field.text("a").maxChars(10).validate(Validator.custom(v -> {
            throw new AssertionError("validator must not see an overlong value");
        }, "never")));
        assertThat(submit(f, "a", "x".repeat(11)).error("a")).isEqualTo("Too long (at most 10 characters)");
    }

    @Test
    void forgedChoicesAreRejected() {
        Form f = form(Field.select("color", Option.of("r"), Option.of("g")), Field.radio("size", Option.of("s")),
                Field.checkboxes("tags", Option.of("a")), Field.checkbox("terms"));
        BoundForm b = submit(f, "color", "purple", "size", "xl", "tags", "a", "tags", "admin", "terms", "yes");
        assertThat(b.errors()).containsEntry("color", "Not one of the choices").containsEntry("size", "Not one of the choices")
                .containsEntry("tags", "Not one of the choices").containsEntry("terms", "Not one of the choices");
        assertThat(b.render()).doesNotContain("selected", "admin", "value=\"on\" checked");
        assertThat(b.checked("terms")).isFalse();
    }

    // ---- form-level checks

    private static final Form SIGNUP = Form.builder().withoutCsrf()
            .fields(Field.text("login").required(), Field.password("password").required(), Field.password("confirm").required())
            .check("confirm", v -> v.value("password").equals(v.value("confirm")), "The passwords differ")
            .check(v -> !v.value("login").equals("root"), "That login is reserved")
            .build();

    @Test
    void formLevelCheckPutsItsMessageBesideItsField() {
        BoundForm b = submit(SIGNUP, "login", "ada", "password", "secret-one", "confirm", "secret-two");
        assertThat(b.errors()).containsExactly(java.util.Map.entry("confirm", "The passwords differ"));
        assertThat(submit(SIGNUP, "login", "ada", "password", "s", "confirm", "s").hasErrors()).isFalse();
    }

    @Test
    void formLevelCheckWithoutFieldShowsAboveTheForm() {
        BoundForm b = submit(SIGNUP, "login", "root", "password", "s", "confirm", "s");
        assertThat(b.formErrors()).containsExactly("That login is reserved");
        assertThat(b.render()).startsWith("<ul class=\"form-errors\" role=\"alert\"><li>That login is reserved</li></ul>\n");
    }

    @Test
    void formLevelChecksWaitForValidFields() {
        BoundForm b = submit(SIGNUP, "password", "a", "confirm", "b");
        assertThat(b.errors()).containsOnlyKeys("login");
        assertThat(b.formErrors()).isEmpty();
    }

    @Test
    void passwordIsNeverRendered() {
        BoundForm b = submit(SIGNUP, "password", "hunter2-secret", "confirm", "hunter2-secret");
        assertThat(b.value("password")).isEqualTo("hunter2-secret");
        assertThat(b.render()).doesNotContain("hunter2-secret");
        assertThat(b.renderField("password")).isEqualTo("<input type=\"password\" id=\"password\" name=\"password\">");
    }

    // ---- rendering: escaping, errors, ARIA, single fields, layouts

    @Test
    void everyValueAndTextIsEscaped() {
        String evil = "<script>alert(\"x\")</script> & 'q'";
        Form f = form(Field.text("t").label(evil).description(evil).attr("title", evil).validate(Validator.custom(v -> false, evil)),
                Field.select("s", Option.of(evil, evil)), Field.hidden("h"));
        BoundForm b = submit(f, "t", evil, "s", evil, "h", evil);
        String html = b.render() + b.renderDivs();
        String escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
        assertThat(html).doesNotContain("<script>", "\"x\"", "'q'");
        assertThat(html).contains("<label for=\"t\">" + escaped + "</label>", "title=\"" + escaped + "\"",
                "value=\"" + escaped + "\"", "<strong class=\"wrong\" id=\"t-error\">" + escaped + "</strong>",
                "<small class=\"description\" id=\"t-description\">" + escaped + "</small>",
                "<option value=\"" + escaped + "\" selected>" + escaped + "</option>");
    }

    @Test
    void fieldInErrorIsMarkedAndDescribed() {
        Form f = form(Field.text("login").required().description("3-16 letters"));
        BoundForm b = submit(f, "login", "");
        assertThat(b.render()).contains("<input type=\"text\" id=\"login\" name=\"login\" aria-invalid=\"true\""
                + " aria-describedby=\"login-error login-description\" value=\"\"> <strong class=\"wrong\" id=\"login-error\">Required</strong>"
                + " <small class=\"description\" id=\"login-description\">3-16 letters</small>");
    }

    @Test
    void fieldsRenderAloneForTemplates() {
        Form f = Form.builder().withoutCsrf().idPrefix("signup-").fields(Field.text("login").label("Login").required()).build();
        BoundForm b = submit(f, "login", "");
        assertThat(b.renderLabel("login")).isEqualTo("<label for=\"signup-login\">Login</label>");
        assertThat(b.renderField("login")).startsWith("<input type=\"text\" id=\"signup-login\" name=\"login\" aria-invalid=\"true\"");
        assertThat(b.renderError("login")).isEqualTo("<strong class=\"wrong\" id=\"signup-login-error\">Required</strong>");
        assertThatThrownBy(() -> b.renderField("nope")).hasMessageContaining("no field named nope");
    }

    @Test
    void divLayout() {
        BoundForm b = submit(form(Field.text("a").label("A").required()), "a", "");
        assertThat(b.renderDivs()).isEqualTo("<div class=\"field error\"><label for=\"a\">A</label> "
                + "<input type=\"text\" id=\"a\" name=\"a\" aria-invalid=\"true\" aria-describedby=\"a-error\" value=\"\">"
                + " <strong class=\"wrong\" id=\"a-error\">Required</strong></div>\n");
    }

    @Test
    void preloadedValuesShowOnDisplay() {
        BoundForm b = form(Field.text("name"), Field.checkbox("admin")).bind(TestInput.get()).fill(java.util.Map.of("name", "Ada", "admin", "on"));
        assertThat(b.render()).contains("value=\"Ada\"", "value=\"on\" checked");
    }

    @Test
    void errorsAddedAfterValidationShow() {
        BoundForm b = submit(form(Field.text("login")), "login", "ada");
        b.addError("login", "Already taken").addError(null, "Try again");
        assertThat(b.render()).contains("<li>Try again</li>", "<strong class=\"wrong\" id=\"login-error\">Already taken</strong>");
    }

    // ---- methods and definitions

    @Test
    void postFormRefusesValuesSentWithGet() {
        BoundForm b = form(Field.text("a")).bind(TestInput.get("a", "x"));
        assertThat(b.validates()).isFalse();
        assertThat(b.formErrors()).containsExactly(BoundForm.METHOD_ERROR);
        Form search = Form.builder().get().fields(Field.text("q").required()).build();
        assertThat(search.csrfProtected()).isFalse();
        assertThat(search.bind(TestInput.get("q", "gatehouse")).validates()).isTrue();
    }

    @Test
    void definitionsAreCheckedAndFrozen() {
        Field<?> name = Field.text("name");
        form(name);
        assertThatThrownBy(() -> name.label("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to a form");
        assertThatThrownBy(() -> form(Field.text("a"), Field.text("a"))).hasMessageContaining("two fields are named a");
        assertThatThrownBy(() -> Field.text("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Field.text("a").attr("value", "x")).hasMessageContaining("set by the form itself");
        assertThatThrownBy(() -> Form.builder().field(Field.text("a")).check("b", v -> true, "m").build()).hasMessageContaining("unknown field: b");
    }

    @Test
    void oneDefinitionServesConcurrentRequests() throws Exception {
        Form f = form(Field.number("n").required().validate(Validator.range(0, 1000)));
        List<Callable<String>> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String n = i % 2 == 0 ? Integer.toString(i) : "x" + i;
            jobs.add(() -> {
                BoundForm b = f.bind(TestInput.post("n", n));
                return b.validates() + ":" + b.value("n") + ":" + b.error("n");
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> results = pool.invokeAll(jobs);
            for (int i = 0; i < results.size(); i++) {
                String expected = i % 2 == 0 ? "true:" + i + ":null" : "false:x" + i + ":Must be a number";
                assertThat(results.get(i).get()).isEqualTo(expected);
            }
        }
    }
}
