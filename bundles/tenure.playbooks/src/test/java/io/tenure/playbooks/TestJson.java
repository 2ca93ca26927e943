package io.tenure.playbooks;

import com.google.gson.Gson;

/** Binds test bodies the way the server does: JSON to the request classes. */
final class TestJson {
    static final Gson GSON = new Gson();

    private TestJson() {
    }
}
