package io.tenure.api.security;

/**
 * The caller of a request, after authentication. The REST layer stores it in the request attribute
 * {@link #REQUEST_ATTRIBUTE} before any {@code /api/*} servlet runs, so servlets of any bundle can check roles.
 *
 * @param name the user's login name
 * @param role the effective role: the user's role, or the narrower role of the token used
 * @param method how the caller proved who it is: {@code password}, {@code token} or {@code session}
 */
public record AuthenticatedUser(String name, Role role, String method) {
    /** The servlet request attribute that holds the {@code AuthenticatedUser}. */
    public static final String REQUEST_ATTRIBUTE = "io.tenure.api.security.AuthenticatedUser";

    /** Whether the caller may act with {@code needed}'s rights. */
    public boolean may(Role needed) {
        return role.includes(needed);
    }
}
