package io.rescind.console;

import io.rescind.parties.ApiKeys;
import io.rescind.parties.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in with the party's API key: the key is checked once and never kept in the session. */
@Controller
class SignInPage {

    private final ApiKeys keys;

    SignInPage(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping(ConsoleSecurity.SIGN_IN)
    String form() {
        return "console/sign-in";
    }

    @PostMapping(ConsoleSecurity.SIGN_IN)
    String signIn(
            @RequestParam(defaultValue = "") String apiKey,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var caller = apiKey.isBlank() ? java.util.Optional.<Caller>empty() : keys.authenticate(apiKey.strip());
        if (caller.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute("error", "That API key is not valid. Check it and try again.");
            return "console/sign-in";
        }
        // A fresh session on every sign-in: nothing from before (session id, CSRF token) survives.
        var old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(KeyStillValid.FINGERPRINT, ApiKeys.fingerprint(apiKey.strip()));
        var authority = new SimpleGrantedAuthority("ROLE_" + caller.get().role().name());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(caller.get(), null, List.of(authority)));
        SecurityContextHolder.setContext(context);
        ConsoleSecurity.SESSIONS.saveContext(context, request, response);
        return "redirect:/console/orders";
    }

    /**
     * Where the chain sends a refused request: a page of another role, or a form whose CSRF token
     * no longer matches the session (an old page, or a session that ended).
     */
    @RequestMapping(ConsoleSecurity.DENIED)
    String denied(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("status", 403);
        model.addAttribute("title", "Not allowed");
        model.addAttribute(
                "message",
                "Your role may not open this page, or the form was older than your session: reload the page"
                        + " (or sign in again) and retry.");
        return "console/error";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "redirect:/console/orders";
    }
}
