package io.tenure.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A lean HTTP/1.1 client over one kept-alive loopback connection: the load clients share the server's two cores,
 * and the JDK's HttpClient spends several times the CPU of this per call (copies, selector thread).
 */
public final class RawClient implements AutoCloseable {
    private final int port;
    private java.net.Socket socket;
    private java.io.InputStream in;
    private java.io.OutputStream out;

    RawClient(int port) throws IOException {
        this.port = port;
        connect();
    }

    private void connect() throws IOException {
        socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
        out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    /** @return the status of the answer, whose body is read and dropped */
    int post(String path, String authorization, byte[] body) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return answer();
    }

    /** @return the status of the answer, whose body is read and dropped */
    int get(String path, String authorization) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + (authorization == null ? "" : "\r\nAuthorization: " + authorization) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return answer();
    }

    private int answer() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                in.skipNBytes(size);
                line();
            }
            line();
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        if (close) {
            close();
            connect();
        }
        return status;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
