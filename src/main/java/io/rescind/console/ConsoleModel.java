package io.rescind.console;

import io.rescind.parties.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every signed-in page shows in its header: who is signed in, in which role. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final ConsoleParties parties;

    ConsoleModel(ConsoleParties parties) {
        this.parties = parties;
    }

    @ModelAttribute
    void signedIn(@AuthenticationPrincipal Caller caller, Model model) {
        if (caller != null) {
            model.addAttribute("me", parties.me(caller));
            model.addAttribute("operator", caller.isOperator());
        }
    }
}
