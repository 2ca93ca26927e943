package io.tenure.store.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a line longer than {@link #MAX_LINE} characters, so one huge field cannot exhaust memory before the
 * field-length rules see it.
 */
final class BoundedLineReader extends FilterReader {
    static final int MAX_LINE = 1 << 20;

    /** The input has a line longer than {@link #MAX_LINE}. */
    static final class LineTooLong extends BadInputException {
        private static final long serialVersionUID = 1L;

        LineTooLong() {
            super("a line is longer than " + MAX_LINE + " characters; no field may be that long");
        }
    }

    private int sinceNewline;

    BoundedLineReader(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        count(c);
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = off; i < off + n; i++) {
            count(buf[i]);
        }
        return n;
    }

    private void count(int c) throws LineTooLong {
        if (c == '\n') {
            sinceNewline = 0;
        } else if (c >= 0 && ++sinceNewline > MAX_LINE) {
            throw new LineTooLong();
        }
    }
}
