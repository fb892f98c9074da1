package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.web.Chrome;

import java.util.List;

/** The frame of the emulated console's pages: AWS colours, the IAM navigation, who is signed in. */
public final class ConsoleChrome {
    public static final String THEME = "aws";
    public static final String PRODUCT = "AWS Management Console (emulated)";

    private ConsoleChrome() {
    }

    public static Chrome anonymous() {
        return Chrome.plain(THEME, PRODUCT);
    }

    /** @param current the nav entry to mark: {@code dashboard}, {@code providers}, {@code roles}, {@code policies}, {@code events} or {@code home} */
    public static Chrome of(ConsoleSession session, String current) {
        List<Chrome.NavLink> nav = session.isRoot()
                ? List.of(new Chrome.NavLink("IAM dashboard", "/console/iam", current.equals("dashboard")),
                new Chrome.NavLink("Identity providers", "/console/iam/providers", current.equals("providers")),
                new Chrome.NavLink("Roles", "/console/iam/roles", current.equals("roles")),
                new Chrome.NavLink("Policies", "/console/iam/policies", current.equals("policies")),
                new Chrome.NavLink("Event history", "/console/cloudtrail", current.equals("events")))
                : List.of(new Chrome.NavLink("Console Home", "/console/home", current.equals("home")));
        String who = session.isRoot()
                ? "Root user · " + session.accountId()
                : session.roleName() + "/" + session.sessionName() + " @ " + session.accountId();
        return new Chrome(THEME, PRODUCT, nav, who, "/console/logout", session.csrfToken());
    }
}
