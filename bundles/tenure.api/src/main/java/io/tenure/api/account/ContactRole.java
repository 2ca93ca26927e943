package io.tenure.api.account;

/** The part a contact plays in the account. */
public enum ContactRole {
    CHAMPION, EXECUTIVE_SPONSOR, BUDGET_HOLDER, USER, SKEPTIC;

    public String code() {
        return Coded.code(this);
    }

    public static ContactRole parse(String code) {
        return Coded.parse(ContactRole.class, "contact_role", code);
    }
}
