package org.citylake.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port checks. */
public final class Ports {

    private Ports() {}

    public static final String LOOPBACK = "127.0.0.1";

    /** True when something accepts connections on the loopback port. */
    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a clear error when the port is taken by a process this project did not start. */
    public static void requireFree(int port, String service, String setting) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port "
                            + port
                            + " for "
                            + service
                            + " is already in use by another process; stop it or choose another"
                            + " port with "
                            + setting);
        }
    }

    /** A free ephemeral loopback port (tests; a restarted Flink TaskManager's RPC port). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /**
     * A free loopback port whose next port is free too (a broker and its controller), for tests.
     */
    public static int freePair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = free();
            try (ServerSocket next =
                    new ServerSocket(port + 1, 1, InetAddress.getByName(LOOPBACK))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two adjacent free loopback ports");
    }
}
