package io.pushmon.gateway.ui;

import jakarta.enterprise.context.RequestScoped;

import io.pushmon.gateway.accounts.AccountSessions;

/** The user a dashboard request was signed in as, set by {@link DashboardFilter}. */
@RequestScoped
public class SignedInUser {

    private AccountSessions.SignedIn user;

    void set(AccountSessions.SignedIn user) {
        this.user = user;
    }

    public AccountSessions.SignedIn get() {
        if (user == null) {
            throw new IllegalStateException("only dashboard pages under /app have a signed-in user");
        }
        return user;
    }
}
